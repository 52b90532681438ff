using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hotline.Tests.Infrastructure;
using Xunit.Abstractions;
using static Hotline.Tests.Authorisation.AuthorisationMatrix;

namespace Hotline.Tests.Authorisation;

/// <summary>
/// The authorisation matrix: every operation of the OpenAPI document (read from the running server, so a new endpoint
/// is covered without editing this test) × every demo role and the county office × a record of the caller's own unit,
/// of a unit it oversees and of another unit, and anonymously. Each answer is compared with the one
/// <see cref="AuthorisationMatrix"/> writes down: 2xx (or the refusal a row accepts), 401, 403 for a role the policy does
/// not admit, 403 with the domain's code for an overseer acting as the unit, 404 outside the caller's scope.
/// </summary>
public abstract partial class AuthorisationMatrixTests(AppFixture app, ITestOutputHelper output)
{
    private readonly Dictionary<(string Kind, string Unit), Target> _shared = [];

    [Fact]
    public async Task EveryOperation_AsEveryRoleOnEachUnitsRecords_AnswersAsTheMatrixSays()
    {
        var clock = Stopwatch.StartNew();
        var documented = await DocumentedOperationsAsync();
        var coverage = Coverage(documented);
        Assert.True(coverage.Count == 0, string.Join("\n", coverage));
        var world = new MatrixWorld(app);
        await world.InitialiseAsync();
        var anonymous = app.Anonymous();

        var failures = new List<string>();
        var counts = Enum.GetValues<Expected>().ToDictionary(e => e, _ => 0);
        foreach (var operation in documented.Select(key => Operations[key]))
        {
            var units = operation.Reach == Reach.Anywhere ? TargetUnits[..1] : TargetUnits;
            var cells = (from caller in Callers.Prepend(null) from unit in caller is null ? units[..1] : units select (caller, unit))
                .Select(cell => (cell.caller, cell.unit, Expected: Expect(operation, cell.caller, cell.unit, world.Within)))

                // Refusals first, on the shared records, before an allowed call could change them.
                .OrderBy(cell => cell.Expected == Expected.Allowed)
                .ToList();
            foreach (var (caller, unit, expected) in cells)
            {
                counts[expected]++;
                if (await CallAsync(world, anonymous, operation, caller, unit, expected) is { } failure)
                {
                    failures.Add(failure);
                }
            }
        }

        var total = counts.Values.Sum();
        output.WriteLine($"{documented.Count} operations, {total} cells ({string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}) in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.Count == 0, $"{failures.Count} of {total} cells answered otherwise than the matrix says:\n  " + string.Join("\n  ", failures));
    }

    /// <summary>What is wrong between the document's operations and the matrix's rows: each missing row, each stale row.</summary>
    internal static List<string> Coverage(IReadOnlyCollection<string> documented) =>
    [
        .. documented.Where(k => !Operations.ContainsKey(k)).Select(k =>
            $"{k} is in the OpenAPI document but not in the authorisation matrix: add a row to AuthorisationMatrix.Operations saying which policy admits it, whether the unit of its record decides too (Reach), and what it acts on."),
        .. Operations.Keys.Where(k => !documented.Contains(k)).Select(k => $"{k} is in the authorisation matrix but no longer in the OpenAPI document: remove its row."),
    ];

    internal static List<string> OperationsOf(JsonElement document) =>
        [.. document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}"))];

    private async Task<List<string>> DocumentedOperationsAsync()
    {
        using var document = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json"));
        return OperationsOf(document.RootElement);
    }

    /// <summary>Sends one cell's request; returns why its answer is wrong, or null.</summary>
    private async Task<string?> CallAsync(MatrixWorld world, HttpClient anonymous, Operation operation, Caller? caller, string unit, Expected expected)
    {
        var target = operation.Target == TargetKind.None ? Target.None
            : expected == Expected.Allowed && operation.Mutates ? await operation.Target.Make(world, unit)
            : await SharedAsync(world, operation.Target, unit);
        var client = (operation.OwnSession, caller) switch
        {
            (true, null) => app.Anonymous(),
            (true, _) => await app.SignInAsync(caller.UserName),
            (false, null) => anonymous,
            (false, _) => await world.As(caller.UserName),
        };
        var body = operation.Body is null ? null : await operation.Body(new CellContext(world, caller?.UserName, unit, target));
        var url = PathParameter().Replace(operation.Path, target.Value, 1) + operation.Query;
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
        if (body is not null || operation.Method is "POST" or "PUT")
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body ?? new { }, AppFixture.Json), Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var code = Code(text);
        var right = expected switch
        {
            Expected.Allowed => status is >= 200 and < 300 || (operation.Accept is { } accepted && status == (int)accepted.Status && code == accepted.Code),
            Expected.SignIn => status == 401,
            Expected.RoleRefused => status == 403 && code == "auth.forbidden",
            Expected.NotTheUnit => status == 403 && code is not null && code != "auth.forbidden",
            Expected.OutOfScope => status == 404,
        };
        return right ? null
            : $"{operation.Key} as {caller?.UserName ?? "anonymous"} on a record of {unit} ({Relation(world, caller, unit)}): expected {expected}, got {status} {code} {text[..Math.Min(text.Length, 300)]}";
    }

    private async Task<Target> SharedAsync(MatrixWorld world, TargetKind kind, string unit)
    {
        if (!_shared.TryGetValue((kind.Name, unit), out var target))
        {
            _shared[(kind.Name, unit)] = target = await kind.Make(world, unit);
        }

        return target;
    }

    private static string Relation(MatrixWorld world, Caller? caller, string unit) => caller switch
    {
        null => "anonymous",
        { Oversees: null } => "the centre sees every unit",
        _ when world.Within(unit, caller.OwnUnit) => "its own unit",
        _ when world.Within(unit, caller.Oversees!) => "a unit it oversees",
        _ => "another unit",
    };

    private static string? Code(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();
}

public sealed class AuthorisationMatrixTests_Sqlite(SqliteApp app, ITestOutputHelper output) : AuthorisationMatrixTests(app, output), IClassFixture<SqliteApp>;

public sealed class AuthorisationMatrixTests_Postgres(PostgresApp app, ITestOutputHelper output) : AuthorisationMatrixTests(app, output), IClassFixture<PostgresApp>;
