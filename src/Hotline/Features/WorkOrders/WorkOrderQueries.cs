using System.Globalization;
using Hotline.Domain;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Search;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Search;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.WorkOrders;

/// <summary>The work-order list behind every queue and inbox: filters, unit scope, sorting by due time, paging.</summary>
public static class WorkOrderQueries
{
    /// <summary>
    /// <c>GET /api/work-orders</c>. Filters: <c>status</c> (comma-separated), <c>unitId</c> (lead unit), <c>light</c>,
    /// <c>requestType</c>, <c>categoryCode</c> and <c>regionCode</c> (prefixes), <c>channel</c>, <c>urgency</c>,
    /// <c>from</c>/<c>to</c> (local registration dates), <c>q</c> (full text: every term in the subject, events, demand or
    /// latest reply, among the newest <see cref="Infrastructure.Search.SearchQuery.RankingWindow"/> such orders),
    /// <c>number</c>, <c>pendingExtension</c> (an extension request awaits the centre's decision), <c>overdue</c> (with a
    /// unit past the handling deadline), <c>dueToday</c> (with a unit, the handling deadline between now and the end of today;
    /// both as <see cref="CountWindow"/> defines them). Sort: <c>dispatchQueue</c> (emergencies first, then dispatch due), <c>handlingDue</c>,
    /// <c>callbackDue</c>, <c>registeredAt</c>, <c>-registeredAt</c> (default). Issue 15: <c>hardCaseLevel</c> (the role deciding a
    /// hard case: teamLeader or siteManager), <c>lateWithoutGoodReason</c> (judged late without good reason, 无正当理由逾期). Issue 17:
    /// <c>unitSubtree</c> (the lead unit is this unit or below it). Issue 19: <c>entity</c> (the order names this thing: a
    /// compound, company, school, road …, as stored with the order; an index look-up by name).
    /// </summary>
    public static async Task<Ok<Paged<WorkOrderSummary>>> List(
        HotlineDbContext db, CurrentUser user, WorkOrderClocks clocks, ISearchIndex index, string? status, long? unitId, string? light, string? requestType,
        string? categoryCode, string? channel, string? urgency, string? regionCode, string? from, string? to, [MaxLength(Limits.SearchText)] string? q, string? number,
        bool? pendingExtension, bool? overdue, bool? dueToday, string? sort, int? page, int? pageSize, CancellationToken ct,
        [MaxLength(Limits.QueryValue)] string? hardCaseLevel = null, bool? lateWithoutGoodReason = null, long? unitSubtree = null,
        [MaxLength(Limits.EntityName)] string? entity = null)
    {
        var query = await FilterAsync(
            db, user, clocks, index, status, unitId, light, requestType, categoryCode, channel, urgency, regionCode, from, to, q, number, pendingExtension, overdue,
            dueToday, sort, hardCaseLevel, lateWithoutGoodReason, unitSubtree, ct, entity);
        var (pageNumber, size) = Paging.Normalise(page, pageSize);
        var total = await query.CountAsync(ct);
        var items = await query.Skip((pageNumber - 1) * size).Take(size).ToListAsync(ct);
        var actor = user.ToActor();
        var now = clocks.Now;
        return TypedResults.Ok(new Paged<WorkOrderSummary>(items.Select(o => WorkOrderSummary.From(o, actor, clocks.Calendar, now)).ToList(), total, pageNumber, size));
    }

    /// <summary>
    /// The list's orders in the caller's scope, filtered and sorted as <see cref="List"/> defines them (the list and its export
    /// share it, so an export holds exactly the rows the list shows); invalid filters throw the list's field-named errors.
    /// </summary>
    internal static async Task<IQueryable<WorkOrder>> FilterAsync(
        HotlineDbContext db, CurrentUser user, WorkOrderClocks clocks, ISearchIndex index, string? status, long? unitId, string? light, string? requestType,
        string? categoryCode, string? channel, string? urgency, string? regionCode, string? from, string? to, string? q, string? number,
        bool? pendingExtension, bool? overdue, bool? dueToday, string? sort, string? hardCaseLevel, bool? lateWithoutGoodReason, long? unitSubtree,
        CancellationToken ct, string? entity = null)
    {
        var v = new Validation();
        var statuses = ParseList<WorkOrderStatus>(status, "status", v);
        var lights = ParseList<Light>(light, "light", v);
        var types = ParseList<RequestType>(requestType, "requestType", v);
        var channels = ParseList<Channel>(channel, "channel", v);
        var urgencies = ParseList<Urgency>(urgency, "urgency", v);
        var fromDate = ParseDate(from, "from", v);
        var toDate = ParseDate(to, "to", v);
        SearchRequest.Text(q, "q", v);
        var entityName = string.IsNullOrWhiteSpace(entity) ? null : Entities.WorkOrderEntities.Filter(entity);
        v.Require(sort is null or "dispatchQueue" or "handlingDue" or "callbackDue" or "registeredAt" or "-registeredAt", "sort", "Sort by dispatchQueue, handlingDue, callbackDue, registeredAt or -registeredAt.");
        v.ThrowIfInvalid();

        var query = CaseQueries.Filter(CaseQueries.Listable(db.Set<WorkOrder>().AsNoTracking(), user.Scope, user.ToActor()), hardCaseLevel, lateWithoutGoodReason); // issue 15

        if (statuses.Count > 0)
        {
            query = query.Where(w => statuses.Contains(w.Status));
        }

        if (lights.Count > 0)
        {
            query = query.Where(w => lights.Contains(w.Light));
        }

        if (types.Count > 0)
        {
            query = query.Where(w => types.Contains(w.RequestType));
        }

        if (channels.Count > 0)
        {
            query = query.Where(w => channels.Contains(w.Channel));
        }

        if (urgencies.Count > 0)
        {
            query = query.Where(w => urgencies.Contains(w.Urgency));
        }

        if (unitId is { } unit)
        {
            query = query.Where(w => w.LeadUnitId == unit);
        }

        if (unitSubtree is { } subtree)
        {
            // Issue 17: the lead unit is this unit or below it (a dashboard's unit bar drills down here).
            var path = await db.Set<Domain.Organisation.Unit>().AsNoTracking().Where(u => u.Id == subtree).Select(u => u.Path).SingleOrDefaultAsync(ct)
                ?? throw ValidationException.For("unitSubtree", "No such unit.");
            query = query.Where(w => w.LeadUnitPath != null && EF.Functions.Like(w.LeadUnitPath, path + "%"));
        }

        if (!string.IsNullOrWhiteSpace(categoryCode))
        {
            var prefix = categoryCode.Trim();
            query = query.Where(w => w.CategoryCode.StartsWith(prefix));
        }

        if (!string.IsNullOrWhiteSpace(regionCode))
        {
            var prefix = regionCode.Trim();
            query = query.Where(w => w.RegionCode != null && w.RegionCode.StartsWith(prefix));
        }

        var (startUtc, endUtc) = Range(fromDate, toDate);
        if (startUtc is { } start)
        {
            query = query.Where(w => w.RegisteredAtUtc >= start);
        }

        if (endUtc is { } end)
        {
            query = query.Where(w => w.RegisteredAtUtc < end);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            // The search index finds the text (and applies the filters it holds, so the window is spent on orders that pass them).
            var filters = new WorkOrderFilters(statuses, lights, types, channels, urgencies, unitId, categoryCode?.Trim(), regionCode?.Trim(), startUtc, endUtc);
            var ids = await WorkOrderSearch.MatchingIdsAsync(index, user, filters, q, clocks.Now.UtcDateTime, ct);
            query = query.Where(w => ids.Contains(w.Id));
        }

        if (entityName is not null)
        {
            // Issue 19: an index look-up by name, within the scope the list already applies.
            query = query.Where(w => db.Set<Entities.WorkOrderEntity>().Any(e => e.Name == entityName && e.WorkOrderId == w.Id));
        }

        if (!string.IsNullOrWhiteSpace(number))
        {
            var n = number.Trim();
            query = query.Where(w => w.Number == n);
        }

        if (pendingExtension is { } pending)
        {
            query = query.Where(w => w.Extensions.Any(e => e.State == PendingState.Pending) == pending);
        }

        var (nowUtc, endOfToday) = CountWindow.At(clocks.Now);
        if (overdue is { } late)
        {
            query = late
                ? query.Where(w => StatusGroups.WithUnitArray.Contains(w.Status) && w.HandlingDueUtc < nowUtc)
                : query.Where(w => !StatusGroups.WithUnitArray.Contains(w.Status) || w.HandlingDueUtc == null || w.HandlingDueUtc >= nowUtc);
        }

        if (dueToday is { } today)
        {
            query = today
                ? query.Where(w => StatusGroups.WithUnitArray.Contains(w.Status) && w.HandlingDueUtc >= nowUtc && w.HandlingDueUtc <= endOfToday)
                : query.Where(w => !StatusGroups.WithUnitArray.Contains(w.Status) || w.HandlingDueUtc == null || w.HandlingDueUtc < nowUtc || w.HandlingDueUtc > endOfToday);
        }

        query = sort switch
        {
            "dispatchQueue" => query.OrderByDescending(w => w.Urgency == Urgency.Emergency).ThenBy(w => w.DispatchDueUtc).ThenBy(w => w.Id),
            "handlingDue" => query.OrderBy(w => w.HandlingDueUtc == null).ThenBy(w => w.HandlingDueUtc).ThenBy(w => w.Id),
            "callbackDue" => query.OrderBy(w => w.CallbackDueUtc == null).ThenBy(w => w.CallbackDueUtc).ThenBy(w => w.Id),
            "registeredAt" => query.OrderBy(w => w.RegisteredAtUtc).ThenBy(w => w.Id),
            _ => query.OrderByDescending(w => w.RegisteredAtUtc).ThenByDescending(w => w.Id),
        };
        return query;
    }

    /// <summary>The filters the list and the search share, parsed with the list's rules and messages.</summary>
    internal static WorkOrderFilters ParseFilters(
        string? status, long? unitId, string? light, string? requestType, string? categoryCode, string? channel, string? urgency, string? regionCode,
        string? from, string? to, Validation v)
    {
        var (start, end) = Range(ParseDate(from, "from", v), ParseDate(to, "to", v));
        return new WorkOrderFilters(
            ParseList<WorkOrderStatus>(status, "status", v), ParseList<Light>(light, "light", v), ParseList<RequestType>(requestType, "requestType", v),
            ParseList<Channel>(channel, "channel", v), ParseList<Urgency>(urgency, "urgency", v), unitId, categoryCode, regionCode, start, end);
    }

    /// <summary>Local registration dates (inclusive) as a UTC range.</summary>
    private static (DateTime? Start, DateTime? End) Range(DateOnly? from, DateOnly? to) => (
        from is { } f ? Domain.Calendar.ChinaTime.StartOfDay(f).UtcDateTime : null,
        to is { } t ? Domain.Calendar.ChinaTime.StartOfDay(t.AddDays(1)).UtcDateTime : null);

    private static List<T> ParseList<T>(string? text, string field, Validation v)
        where T : struct, Enum
    {
        var result = new List<T>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }

        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<T>(part, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(part, out _))
            {
                result.Add(value);
            }
            else
            {
                v.Add(field, $"'{part}' is not one of: {string.Join(", ", Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.");
            }
        }

        return result;
    }

    private static DateOnly? ParseDate(string? text, string field, Validation v)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && Domain.Calendar.ChinaTime.IsSupported(date))
        {
            return date;
        }

        v.Add(field, $"Give a date as yyyy-MM-dd, {Domain.Calendar.ChinaTime.SupportedRange}.");
        return null;
    }
}
