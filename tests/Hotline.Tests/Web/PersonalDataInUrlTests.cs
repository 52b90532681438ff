using System.Text.Json;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.Web;

/// <summary>
/// URLs end up in proxies' and servers' access logs and in browser history, so no operation takes a phone number, a
/// name or the account of a call in its path or query string: those go in a JSON body (docs/decisions.md). Read from the
/// OpenAPI document, so a new operation is checked without editing this test.
/// </summary>
[SingleDatabase("the document is built from endpoint metadata; no query runs")]
public sealed class PersonalDataInUrlTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    /// <summary>Parameter names that say they carry personal data or free text about a citizen.</summary>
    private static readonly string[] Personal = ["phone", "mobile", "tel", "name", "caller", "citizen", "idcard", "identity", "address", "email", "text", "events", "demand"];

    [Fact]
    public async Task NoOperation_TakesAPhoneANameOrTheCallsTextInItsUrl()
    {
        using var document = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json"));

        var offending = Offending(document.RootElement);

        Assert.True(offending.Count == 0, "send these in a JSON body (POST) instead:\n  " + string.Join("\n  ", offending));
    }

    [Fact]
    public void Offending_InASampleDocument_NamesThePhoneInTheQueryAndTheNameInThePath_NotTheSearchBox()
    {
        using var sample = JsonDocument.Parse("""
            {"paths":{
              "/api/callers/history":{"get":{"parameters":[{"name":"phone","in":"query"},{"name":"page","in":"query"}]}},
              "/api/citizens/{callerName}":{"get":{"parameters":[{"name":"callerName","in":"path"}]}},
              "/api/search":{"get":{"parameters":[{"name":"q","in":"query"}]},"post":{}}}}
            """);

        Assert.Equal(["GET /api/callers/history: query parameter 'phone'", "GET /api/citizens/{callerName}: path parameter 'callerName'"], Offending(sample.RootElement));
    }

    private static List<string> Offending(JsonElement document) =>
        (from path in document.GetProperty("paths").EnumerateObject()
         from operation in path.Value.EnumerateObject()
         where operation.Value.TryGetProperty("parameters", out _)
         from parameter in operation.Value.GetProperty("parameters").EnumerateArray()
         let name = parameter.GetProperty("name").GetString()!
         let place = parameter.GetProperty("in").GetString()!
         where place is "query" or "path" && Personal.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase))
         select $"{operation.Name.ToUpperInvariant()} {path.Name}: {place} parameter '{name}'").ToList();
}
