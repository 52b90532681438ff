using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Search;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.WorkOrders;

/// <summary>
/// Keeps the search index in step with work orders. Every write of an order goes through <see cref="SaveAsync"/>, which
/// saves the order, its timeline entries and its search document in one transaction: a failing index write rolls the
/// whole command back. The document holds the subject, events, demand and latest reply or intake answer, never the
/// caller's name or phone (they are masked in the text before it is indexed); unit scope is the lead unit and co-units.
/// </summary>
public sealed partial class WorkOrderIndexer(HotlineDbContext db, ISearchIndex index) : ISearchSource
{
    public const string Kind = "work_order";

    public string Name => "work_orders";

    /// <summary>Saves the orders one command touched, with their pending timeline entries and their index documents.</summary>
    public async Task SaveAsync(IReadOnlyCollection<WorkOrder> orders, CancellationToken ct)
    {
        foreach (var order in orders)
        {
            db.Set<WorkOrderEvent>().AddRange(order.PendingEvents);
        }

        // Joins the caller's transaction when one is open (a command that writes more than the order).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.SaveChangesAsync(ct);
        await index.UpsertManyAsync(db, orders.Select(ToDocument).ToList(), ct);

        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        foreach (var order in orders)
        {
            order.ClearPendingEvents();
        }
    }

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
            text = ReplaceNumber(text, digits, Masking.Phone(digits)!);
        }

        return text;
    }

    /// <summary>
    /// Replaces <paramref name="digits"/> as typed in the text: with or without one space or hyphen between its digits,
    /// and not inside a longer run of digits. (A scan, not a regular expression built per order: this runs for every
    /// registration.)
    /// </summary>
    internal static string ReplaceNumber(string text, string digits, string replacement)
    {
        System.Text.StringBuilder? result = null;
        var copied = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == digits[0] && (i == 0 || !char.IsAsciiDigit(text[i - 1])) && MatchNumber(text, i, digits) is var end and > 0
                && (end == text.Length || !char.IsAsciiDigit(text[end])))
            {
                result ??= new System.Text.StringBuilder(text.Length);
                result.Append(text, copied, i - copied).Append(replacement);
                copied = i = end;
                continue;
            }

            i++;
        }

        return result is null ? text : result.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>The end of <paramref name="digits"/> typed from <paramref name="start"/>, or 0 when it is not there.</summary>
    private static int MatchNumber(string text, int start, string digits)
    {
        var p = start;
        for (var k = 0; k < digits.Length; k++)
        {
            if (k > 0 && p + 1 < text.Length && (char.IsWhiteSpace(text[p]) || text[p] == '-') && text[p + 1] == digits[k])
            {
                p++;
            }

            if (p >= text.Length || text[p] != digits[k])
            {
                return 0;
            }

            p++;
        }

        return p;
    }

    [GeneratedRegex("[^0-9]")]
    private static partial Regex NonDigit();
}
