using System.Text.Json;
using System.Text.Json.Nodes;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.Web;

/// <summary>
/// The workbench's API types are generated from web/src/api/openapi.json at its build. This test fails when the
/// server's document has moved away from that copy; run it with HOTLINE_UPDATE_OPENAPI=1 to write the new copy
/// (then the workbench's type check shows every place that must follow).
/// </summary>
[SingleDatabase("the document is built from endpoint metadata; no query runs")]
public sealed class OpenApiSnapshotTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task OpenApiDocument_MatchesTheWorkbenchSnapshot()
    {
        var live = Normalise(await app.Anonymous().GetStringAsync("/openapi/v1.json"));
        var path = RepositoryPaths.OpenApiSnapshot;
        if (Environment.GetEnvironmentVariable("HOTLINE_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, live);
        }

        var snapshot = File.Exists(path) ? Normalise(await File.ReadAllTextAsync(path)) : string.Empty;
        Assert.True(
            snapshot == live,
            "The server's OpenAPI document differs from web/src/api/openapi.json. Update the copy with " +
            "`HOTLINE_UPDATE_OPENAPI=1 ./test.sh --filter OpenApiSnapshot`, then build (the workbench's type check shows what must follow).");
    }

    /// <summary>Drops the server address (it names the test's port) and writes the JSON in one stable layout.</summary>
    private static string Normalise(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("servers");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }
}
