using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Search;
using Hotline.Text;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.WorkOrders;

/// <summary>
/// A work order as a search document: the subject, events, demand and latest reply or intake answer, never the caller's
/// name or phone (they are masked in the text before it is indexed); unit scope is the lead unit and co-units.
/// </summary>
public sealed partial class WorkOrderSearchSource(ISearchIndex index) : ISearchSource
{
    public const string Kind = "work_order";

    public string Name => "work_orders";

    public async Task<(long LastId, int Count)?> ReindexAsync(HotlineDbContext context, long afterId, int batch, CancellationToken ct)
    {
        // PostgreSQL: the rows stay locked until the batch commits, so a command racing in writes its document after ours.
        // SQLite: the transaction already holds the database's one write lock.
        var ids = context.IsPostgres
            ? await context.Database.SqlQuery<long>($"SELECT id AS \"Value\" FROM work_orders WHERE id > {afterId} ORDER BY id LIMIT {batch} FOR UPDATE").ToListAsync(ct)
            : await context.Set<WorkOrder>().Where(w => w.Id > afterId).OrderBy(w => w.Id).Select(w => w.Id).Take(batch).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return null;
        }

        var orders = await context.Set<WorkOrder>().AsNoTracking().Where(w => ids.Contains(w.Id)).ToListAsync(ct);
        foreach (var order in orders)
        {
            await index.UpsertAsync(context, ToDocument(order), ct);
        }

        return (ids[^1], ids.Count);
    }

    public static SearchDocument ToDocument(WorkOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var body = new StringBuilder().Append(order.Events).Append('\n').Append(order.Demand);
        if (LatestAnswer(order) is { Length: > 0 } answer)
        {
            body.Append('\n').Append(answer);
        }

        return new SearchDocument
        {
            Kind = Kind,
            EntityId = order.Id,
            OwnerUnitPath = order.LeadUnitPath ?? string.Empty,
            CoUnitPaths = order.CoUnits.Select(c => c.UnitPath).ToList(),
            Visibility = SearchVisibility.Scope,
            Title = WithoutCaller(order, order.Subject),
            Body = WithoutCaller(order, body.ToString()),
            Keywords = order.Number,
            RegionCodes = order.RegionCode is { Length: > 0 } region ? [region] : [],
            Category = order.CategoryCode,
            Status = ApiName(order.Status),
            Tags = Tags(order),
            SortAtUtc = order.RegisteredAtUtc,
        };
    }

    /// <summary>The unit's latest reply, or the answer given at intake (direct answer, three-way call).</summary>
    private static string? LatestAnswer(WorkOrder order) =>
        order.Replies.Count > 0 ? order.Replies[^1].Result : order.Resolution?.Answer ?? order.Resolution?.ThreeWayResult;

    /// <summary>The filters of the work-order list as tags: enums by their API name, codes at every level of their tree.</summary>
    public static IReadOnlyList<string> Tags(WorkOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var tags = new List<string>
        {
            Tag("status", ApiName(order.Status)), Tag("light", ApiName(order.Light)), Tag("type", ApiName(order.RequestType)),
            Tag("channel", ApiName(order.Channel)), Tag("urgency", ApiName(order.Urgency)),
        };
        if (order.LeadUnitId is { } lead)
        {
            tags.Add(Tag("lead", lead.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        tags.AddRange(CategoryLevels(order.CategoryCode).Select(c => Tag("category", c)));
        tags.AddRange(RegionLevels(order.RegionCode).Select(r => Tag("region", r)));
        return tags.Where(IndexKeys.IsValidTag).ToList();
    }

    public static string Tag(string name, string value) => name + ":" + value;

    /// <summary>Category codes grow by two characters a level (01 → 0101 → 010101).</summary>
    public static IEnumerable<string> CategoryLevels(string? code) =>
        string.IsNullOrEmpty(code) ? [] : Enumerable.Range(1, code.Length / 2).Select(n => code[..(2 * n)]).Append(code).Distinct(StringComparer.Ordinal);

    /// <summary>Region codes: province, city, district (2, 4, 6 digits), street (9), community (12).</summary>
    public static IEnumerable<string> RegionLevels(string? code) =>
        string.IsNullOrEmpty(code) ? [] : RegionLengths.Where(n => n < code.Length).Select(n => code[..n]).Append(code);

    public static bool IsCategoryLevel(string code) => code.Length is 2 or 4 or 6 && code.All(char.IsAsciiDigit);

    public static bool IsRegionLevel(string code) => code.Length is 2 or 4 or 6 or 9 or 12 && code.All(char.IsAsciiDigit);

    public static string ApiName<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static readonly int[] RegionLengths = [2, 4, 6, 9];

    /// <summary>The caller's name and phone as the masked forms every response shows (<see cref="Masking"/>).</summary>
    internal static string WithoutCaller(WorkOrder order, string text)
    {
        if (order.CallerName is { Length: >= 2 } name)
        {
            text = text.Replace(name, Masking.Name(name), StringComparison.Ordinal);
        }

        var digits = order.CallerPhone is null ? string.Empty : NonDigit().Replace(order.CallerPhone, string.Empty);
        if (digits.Length > 11 && (digits.StartsWith("0086", StringComparison.Ordinal) || digits.StartsWith("86", StringComparison.Ordinal)))
        {
            digits = digits[(digits.StartsWith("0086", StringComparison.Ordinal) ? 4 : 2)..];
        }

        if (digits.Length >= 5)
        {
            text = PhoneNumbers.Replace(text, digits, Masking.Phone(digits)!);
        }

        return text;
    }

    [GeneratedRegex("[^0-9]")]
    private static partial Regex NonDigit();
}
