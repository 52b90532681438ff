using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hotline.Tests.Authorisation;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.SmartDispatch;
using Xunit.Abstractions;
using static Hotline.Tests.Authorisation.AuthorisationMatrix;

namespace Hotline.Tests.MalformedInput;

/// <summary>
/// The malformed-input suite (issue 13, "make it stay fixed"): every operation of the OpenAPI document (read from the
/// running server, so a new endpoint is covered without editing this test), called by a role the authorisation matrix
/// allows on a real record, with the matrix's valid body as the base of generated bad requests (<see cref="Mutations"/>).
/// No answer may be a 5xx, and every 4xx must be problem+json.
/// </summary>
public abstract class MalformedInputTests(AppFixture app, ITestOutputHelper output)
{
    private const string TargetUnit = "AL-DC-ZJ";

    [Fact]
    public async Task EveryOperation_WithMalformedInput_AnswersNo5xx_AndProblemJsonOnEvery4xx()
    {
        var clock = Stopwatch.StartNew();
        using var document = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json"));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var world = new MatrixWorld(app);
        await world.InitialiseAsync();

        // Closed orders enough for the routing model the model operations act on (the matrix gets them from its many cells).
        await new PlantedOrders(app).PlantAsync(PlantedOrders.ClosedFromFixture(step: 4));

        // Every operation's caller, record and valid body first, so that no malformed request that got through changes
        // what a later operation's record is made from.
        var failures = new List<string>();
        var plans = new List<(string Key, string Path, string Method, JsonElement Operation, Operation Row, HttpClient Client, Target Target, JsonNode? Valid)>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                var key = $"{method.Name.ToUpperInvariant()} {path.Name}";
                if (!Operations.TryGetValue(key, out var row))
                {
                    failures.Add($"{key} is not in the authorisation matrix, so the suite knows no caller and no valid body for it");
                    continue;
                }

                var caller = Callers.FirstOrDefault(c => Expect(row, c, TargetUnit, world.Within) == Expected.Allowed);
                var target = row.Target == TargetKind.None ? Target.None : await row.Target.Make(world, TargetUnit);
                var client = row.OwnSession || caller is null
                    ? (caller is null ? app.Anonymous() : await app.SignInAsync(caller.UserName))
                    : await world.As(caller.UserName);
                var body = row.Body is null ? null : await row.Body(new CellContext(world, caller?.UserName, TargetUnit, target));
                var valid = body is null ? null : JsonNode.Parse(JsonSerializer.Serialize(body, AppFixture.Json));
                plans.Add((key, path.Name, method.Name.ToUpperInvariant(), method.Value, row, client, target, valid));
            }
        }

        var setUp = clock.Elapsed;
        var sent = 0;
        var statuses = new SortedDictionary<int, int>();
        var slowest = new Dictionary<string, TimeSpan>();
        foreach (var plan in plans)
        {
            foreach (var mutant in Mutations.For(plan.Path, plan.Operation, schemas, plan.Target.Value, plan.Row.Query, plan.Valid))
            {
                sent++;
                var started = clock.Elapsed;
                var (status, failure) = await SendAsync(plan.Client, plan.Method, mutant);
                var kind = mutant.What[(mutant.What.IndexOf(" = ", StringComparison.Ordinal) is var at and >= 0 ? at + 3 : 0)..];
                slowest[kind] = slowest.GetValueOrDefault(kind) + (clock.Elapsed - started);
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (failure is not null)
                {
                    failures.Add($"{plan.Key} with {mutant.What}: {failure}");
                }
            }
        }

        output.WriteLine($"{plans.Count} operations set up in {setUp.TotalSeconds:0.0} s; {sent} malformed requests in {(clock.Elapsed - setUp).TotalSeconds:0.0} s; answers: {string.Join(", ", statuses.Select(s => $"{s.Key} × {s.Value}"))}");
        output.WriteLine("time by kind of value: " + string.Join(", ", slowest.OrderByDescending(s => s.Value).Take(12).Select(s => $"{s.Key} {s.Value.TotalSeconds:0.0} s")));
        Assert.True(sent > 2000, $"only {sent} requests generated");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} malformed requests were answered wrongly:\n  " + string.Join("\n  ", failures.Take(200)));
    }

    /// <summary>Sends one malformed request; the status and, when the answer is wrong, why.</summary>
    private static async Task<(int Status, string? Failure)> SendAsync(HttpClient client, string method, Mutant mutant)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), mutant.PathAndQuery);
        if (mutant.Body is not null || method is "POST" or "PUT")
        {
            request.Content = new StringContent(mutant.Body ?? string.Empty, Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mutant.ContentType) { CharSet = "utf-8" };
        }

        using var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (status >= 500)
        {
            return (status, $"{status} {Excerpt(text)}");
        }

        // Issue 18: Open311's endpoints answer a refusal in GeoReport v2's own error list (JSON or XML), each with the status
        // as its code; the shared guards before them (control characters, declared limits) still answer problem+json.
        if (status >= 400 && mutant.PathAndQuery.StartsWith("/open311/", StringComparison.Ordinal)
            && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return Open311Error(response.Content.Headers.ContentType?.MediaType, text, status) ? (status, null) : (status, $"{status} not in Open311's error format: {Excerpt(text)}");
        }

        if (status >= 400)
        {
            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                return (status, $"{status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not problem+json: {Excerpt(text)}");
            }

            using var problem = JsonDocument.Parse(text);
            if (!problem.RootElement.TryGetProperty("status", out var named) || named.GetInt32() != status)
            {
                return (status, $"{status} with a problem that does not name its status: {Excerpt(text)}");
            }
        }

        return (status, null);
    }

    private static bool Open311Error(string? mediaType, string text, int status)
    {
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (mediaType == "text/xml")
        {
            var root = System.Xml.Linq.XDocument.Parse(text).Root!;
            return root.Name.LocalName == "errors" && root.Elements("error").Any() && root.Elements("error").All(e => e.Element("code")?.Value == code && e.Element("description") is not null);
        }

        using var errors = JsonDocument.Parse(text);
        return mediaType == "application/json" && errors.RootElement.ValueKind == JsonValueKind.Array && errors.RootElement.GetArrayLength() > 0
            && errors.RootElement.EnumerateArray().All(e => e.GetProperty("code").GetInt32() == status && e.TryGetProperty("description", out _));
    }

    private static string Excerpt(string text) => text.Length > 300 ? text[..300] + "…" : text;
}

public sealed class MalformedInputTests_Sqlite(SqliteApp app, ITestOutputHelper output) : MalformedInputTests(app, output), IClassFixture<SqliteApp>;

public sealed class MalformedInputTests_Postgres(PostgresApp app, ITestOutputHelper output) : MalformedInputTests(app, output), IClassFixture<PostgresApp>;
