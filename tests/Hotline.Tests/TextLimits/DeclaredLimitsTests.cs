using System.Text.Json;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Hotline.Tests.TextLimits;

/// <summary>
/// Every text the platform takes or stores declares its limit (issue 13, defect 2), so a new field without one fails
/// here: each string of each request body and each list in one (read from the running server's OpenAPI document, where
/// <c>[MaxLength]</c> shows as <c>maxLength</c> / <c>maxItems</c>), and each string the EF model maps, on both providers.
/// </summary>
[SingleDatabase("the document is built from endpoint metadata and the models of both providers are built without a database")]
public sealed class DeclaredLimitsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    /// <summary>Text columns that hold what the server writes, never a request's text as such; each part of them is bounded where it comes in.</summary>
    private static readonly Dictionary<string, string> ServerWritten = new(StringComparer.Ordinal)
    {
        ["work_order_events.details"] = "the entry's facts: unit names, dates, ratings and a correction's before → after of fields each bounded at the request",
        ["supervision_notice_events.details"] = "the notice entry's facts: trigger, method, unit names, dates, lights, levels, order numbers and the evidence, each bounded at the request or by the server", // issue 16
        ["work_order_events.co_unit_ids"] = "ids of the co-units a dispatch names (a request list of at most Limits.Items)",
        ["hot_spots.terms"] = "terms the detector extracts",
        ["supervision_difficult_issues.work_order_ids"] = "ids of the orders a difficult issue links (a request list of at most DifficultIssue.MaxOrders)", // issue 16
        ["hot_spots.order_ids"] = "ids of the orders a hot spot groups",
        ["hot_spots.unit_ids"] = "ids of the units concerned",
        ["early_warnings.terms"] = "terms the detector extracts",
        ["early_warnings.order_ids"] = "ids of the orders a warning groups",
        ["router_models.labels"] = "the labels a trained model knows",
        ["routing_records.suggestions"] = "the suggestions the router made",
        ["knowledge_article_versions.content"] = "a JSON snapshot of an approved article's content, each field bounded at the request",
        ["data_protection_keys.xml"] = "ASP.NET Core data protection's key ring",
        ["supervision_correction_events.details"] = "the correction entry's facts: unit name, deadline, outcome, and texts each bounded at the request (issue 16)",
        ["supervision_corrections.order_numbers"] = "the work-order numbers a correction names: at most Correction.MaxOrders, each an existing order's number (issue 16)",
        ["supervision_circulars.rows"] = "a circular's counts per sub-unit, with the unit names copied (issue 16)",
        ["assessment_circulations.rows"] = "a month's circulated results, one row per ranked unit with its code, name and path copied (issue 17)",
        ["sampling_batches.rejects"] = "a sampling batch's refused rows: line, number cut to the orders' column, and the server's reason (at most ThirdPartySampling.MaxRows rows, issue 17)",
        ["quality_inspections.items"] = "an inspection's scored lines: at most Checklist.MaxItems, each the checklist's code and name with the points and a note bounded at the request (S14)",
        ["quality_checklists.items"] = "a checklist's lines: at most Checklist.MaxItems, each a code and name bounded at the request (S14)",
        ["assessment_facts.co_unit_paths"] = "the paths of an order's co-units, copied from the units by the facts' writer (a dispatch names at most Limits.Items; issue 17)",
    };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void EveryMappedString_DeclaresItsMaxLength(DatabaseProvider provider)
    {
        var options = new DbContextOptionsBuilder<HotlineDbContext>();
        DatabaseSetup.Configure(options, new DatabaseOptions
        {
            Provider = provider,
            ConnectionString = provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=127.0.0.1;Database=model_only",
        });
        using var db = new HotlineDbContext(options.Options);
        var missing = new List<string>();
        var checkedCount = 0;
        foreach (var entity in db.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                checkedCount += Require(property, $"{entity.GetTableName()}.{property.GetColumnName()}", missing);
            }

            foreach (var complex in entity.GetComplexProperties())
            {
                checkedCount += RequireComplex(complex, $"{entity.GetTableName()}.{complex.Name}", missing);
            }
        }

        Assert.True(checkedCount > 100, $"only {checkedCount} strings found in the model");
        Assert.True(missing.Count == 0, "These mapped strings declare no limit (HasMaxLength with a Limits constant):\n  " + string.Join("\n  ", missing));
    }

    [Fact]
    public async Task EveryRequestBodyString_AndList_AndQueryString_DeclaresItsLimit()
    {
        using var document = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json"));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var strings = 0;
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                foreach (var parameter in operation.Value.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : default)
                {
                    var schema = parameter.GetProperty("schema");
                    var value = schema.TryGetProperty("items", out var items) ? items : schema;
                    if (value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "string"
                        && !value.TryGetProperty("format", out _) && !value.TryGetProperty("enum", out _) && !value.TryGetProperty("maxLength", out _))
                    {
                        missing.Add($"{operation.Name.ToUpperInvariant()} {path.Name} ?{parameter.GetProperty("name").GetString()}");
                    }
                }

                if (operation.Value.TryGetProperty("requestBody", out var body)
                    && body.GetProperty("content").TryGetProperty("application/json", out var json))
                {
                    strings += Walk(json.GetProperty("schema"), "body", schemas, seen, missing);
                }
            }
        }

        Assert.True(strings > 50, $"only {strings} request strings found in the document");
        Assert.True(missing.Count == 0, "These request fields declare no limit ([MaxLength(Limits.…)] on the record's property or the handler's parameter):\n  " + string.Join("\n  ", missing));
    }

    private static int Require(IProperty property, string name, List<string> missing)
    {
        var provider = property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType;
        if (provider != typeof(string))
        {
            return 0;
        }

        if (property.GetMaxLength() is null && !ServerWritten.ContainsKey(name))
        {
            missing.Add(name);
        }

        return 1;
    }

    private static int RequireComplex(IComplexProperty complex, string name, List<string> missing)
    {
        var count = complex.ComplexType.GetProperties().Sum(p => Require(p, $"{name}.{p.Name}", missing));
        return count + complex.ComplexType.GetComplexProperties().Sum(c => RequireComplex(c, $"{name}.{c.Name}", missing));
    }

    /// <summary>Counts the strings below <paramref name="schema"/>, adding each string without maxLength and each array without maxItems.</summary>
    private static int Walk(JsonElement schema, string where, JsonElement schemas, HashSet<string> seen, SortedSet<string> missing)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            return seen.Add(name) ? Walk(schemas.GetProperty(name), name, schemas, seen, missing) : 0;
        }

        foreach (var key in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema.TryGetProperty(key, out var alternatives))
            {
                return alternatives.EnumerateArray().Sum(a => Walk(a, where, schemas, seen, missing));
            }
        }

        var types = !schema.TryGetProperty("type", out var type) ? []
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray()
            : [type.GetString()!];
        var count = 0;
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                count += Walk(property.Value, $"{where}.{property.Name}", schemas, seen, missing);
            }
        }

        if (types.Contains("array"))
        {
            if (!schema.TryGetProperty("maxItems", out _))
            {
                missing.Add($"{where} (a list: maxItems)");
            }

            count += schema.TryGetProperty("items", out var items) ? Walk(items, where + "[]", schemas, seen, missing) : 0;
        }
        else if (types.Contains("string") && !types.Contains("integer") && !types.Contains("number") && !schema.TryGetProperty("enum", out _)
            && !schema.TryGetProperty("format", out _) && !where.EndsWith("[]", StringComparison.Ordinal))
        {
            count++;
            if (!schema.TryGetProperty("maxLength", out _))
            {
                missing.Add(where);
            }
        }

        return count;
    }
}
