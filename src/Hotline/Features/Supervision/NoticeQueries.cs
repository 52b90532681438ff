using System.Globalization;
using Hotline.Domain;
using Hotline.Domain.Calendar;
using Hotline.Domain.Organisation;
using Hotline.Domain.Supervision;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Supervision;

/// <summary>The ledger's filters as the query string gives them (all optional; lists are comma-separated).</summary>
public sealed record NoticeFilters(
    IReadOnlyList<NoticeState> States, long? UnitId, IReadOnlyList<Light> Lights, string? Trigger, bool? Listed, bool? Late, DateTime? FromUtc, DateTime? ToUtc, string? Number);

/// <summary>
/// The ledger (督办台账) and its figures. Scope: the notices addressed to units inside what the caller sees — the whole
/// platform for the centre, the caller's own unit and its sub-units for a unit user (a county hotline office: its county).
/// </summary>
public sealed class NoticeQueries(HotlineDbContext db, CurrentUser user, TimeProvider time)
{
    /// <summary>The most rows one export holds.</summary>
    public const int MaxExportRows = 10_000;

    public DateTime NowUtc => time.GetUtcNow().UtcDateTime;

    public static NoticeFilters Parse(
        string? state, long? unitId, string? light, string? trigger, string? listed, string? late, string? from, string? to, string? number)
    {
        var v = new Validation();
        var filters = new NoticeFilters(
            List<NoticeState>(state, "state", v), unitId, List<Light>(light, "light", v), Blank(trigger), Bool(listed, "listed", v), Bool(late, "late", v),
            Date(from, "from", v) is { } f ? ChinaTime.StartOfDay(f).UtcDateTime : null,
            Date(to, "to", v) is { } t ? ChinaTime.StartOfDay(t.AddDays(1)).UtcDateTime : null,
            Blank(number));
        v.ThrowIfInvalid();
        return filters;
    }

    /// <summary>The notices the caller sees, filtered, newest first.</summary>
    public async Task<IQueryable<SupervisionNotice>> QueryAsync(NoticeFilters f, CancellationToken ct)
    {
        var query = Visible();
        if (f.UnitId is { } unitId)
        {
            var path = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Path).SingleOrDefaultAsync(ct)
                ?? throw ValidationException.For("unitId", "No such unit.");
            query = query.Where(n => n.UnitPath.StartsWith(path));
        }

        if (f.States.Count > 0)
        {
            query = query.Where(n => f.States.Contains(n.State));
        }

        if (f.Lights.Count > 0)
        {
            query = query.Where(n => f.Lights.Contains(n.Light));
        }

        if (f.Trigger is { } trigger)
        {
            query = query.Where(n => n.Trigger == trigger);
        }

        if (f.Listed is { } listed)
        {
            query = query.Where(n => n.IsListed == listed);
        }

        if (f.Late is { } late)
        {
            query = query.Where(SupervisionNotice.LateAt(NowUtc, late));
        }

        if (f.FromUtc is { } from)
        {
            query = query.Where(n => n.IssuedAtUtc >= from);
        }

        if (f.ToUtc is { } to)
        {
            query = query.Where(n => n.IssuedAtUtc < to);
        }

        if (f.Number is { } number)
        {
            query = query.Where(n => n.Number.StartsWith(number));
        }

        return query.OrderByDescending(n => n.IssuedAtUtc).ThenByDescending(n => n.Id);
    }

    public async Task<Paged<NoticeSummary>> PageAsync(NoticeFilters f, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Paging.Normalise(page, pageSize);
        var query = await QueryAsync(f, ct);
        var total = await query.CountAsync(ct);
        var rows = await query.Include(n => n.Orders).AsSplitQuery().Skip((number - 1) * size).Take(size).ToListAsync(ct);
        var now = NowUtc;
        return new Paged<NoticeSummary>(rows.Select(n => NoticeSummary.From(n, now)).ToList(), total, number, size);
    }

    /// <summary>One notice the caller sees (404 otherwise), with its timeline in order.</summary>
    public async Task<NoticeDetail> DetailAsync(long id, CancellationToken ct)
    {
        var notice = await Visible().Include(n => n.Orders).SingleOrDefaultAsync(n => n.Id == id, ct)
            ?? throw new NotFoundException("notice_not_found", "No such supervision notice.");
        var events = await db.Set<NoticeEvent>().AsNoTracking().Where(e => e.NoticeId == id).OrderBy(e => e.Id).ToListAsync(ct);
        return NoticeDetail.From(notice, events, user.ToActor(), NowUtc);
    }

    /// <summary>The figures per unit over local dates <paramref name="from"/>–<paramref name="to"/> (see <see cref="NoticeUnitFigures"/>).</summary>
    public async Task<IReadOnlyList<NoticeUnitFigures>> ByUnitAsync(string? from, string? to, CancellationToken ct)
    {
        var v = new Validation();
        var (start, end) = (Date(from, "from", v), Date(to, "to", v));
        v.ThrowIfInvalid();
        var startUtc = start is { } s ? ChinaTime.StartOfDay(s).UtcDateTime : DateTime.MinValue;
        var endUtc = end is { } e ? ChinaTime.StartOfDay(e.AddDays(1)).UtcDateTime : DateTime.MaxValue;
        var at = endUtc < NowUtc ? endUtc : NowUtc;
        var issued = await Visible().Where(n => n.IssuedAtUtc >= startUtc && n.IssuedAtUtc < endUtc)
            .GroupBy(n => new { n.UnitId, n.UnitName })
            .Select(g => new
            {
                g.Key.UnitId,
                g.Key.UnitName,
                Opened = g.Count(),
                AnsweredLate = g.Count(n => n.LateAnswerCount > 0),
                Rejections = g.Sum(n => n.RejectCount),
                OpenPastDue = g.Count(n => (n.State == NoticeState.Issued || n.State == NoticeState.InHand) && n.DueAtUtc < at),
            })
            .ToListAsync(ct);
        var closed = await Visible().Where(n => n.ClosedAtUtc >= startUtc && n.ClosedAtUtc < endUtc)
            .GroupBy(n => new { n.UnitId, n.UnitName }).Select(g => new { g.Key.UnitId, g.Key.UnitName, Count = g.Count() }).ToListAsync(ct);
        return issued.Select(i => (i.UnitId, i.UnitName)).Union(closed.Select(c => (c.UnitId, c.UnitName))).DistinctBy(u => u.UnitId)
            .Select(u =>
            {
                var i = issued.FirstOrDefault(x => x.UnitId == u.UnitId);
                return new NoticeUnitFigures(u.UnitId, u.UnitName, i?.Opened ?? 0, closed.FirstOrDefault(c => c.UnitId == u.UnitId)?.Count ?? 0, i?.AnsweredLate ?? 0, i?.Rejections ?? 0, i?.OpenPastDue ?? 0);
            })
            .OrderBy(u => u.UnitName, StringComparer.Ordinal).ToList();
    }

    /// <summary>The filtered ledger as an .xlsx workbook with Chinese column headers (at most <see cref="MaxExportRows"/> rows).</summary>
    public async Task<IEnumerable<IDictionary<string, object?>>> ExportAsync(NoticeFilters f, CancellationToken ct)
    {
        var query = await QueryAsync(f, ct);
        var rows = await query.Include(n => n.Orders).AsSplitQuery().Take(MaxExportRows).ToListAsync(ct);
        var now = NowUtc;
        return rows.Select(n => new Dictionary<string, object?>
        {
            ["督办单号"] = n.Number,
            ["督办对象"] = n.UnitName,
            ["触发原因"] = n.Trigger,
            ["督办事由"] = n.Reason,
            ["督办要求"] = n.Demand,
            ["督办方式"] = MethodName(n.Method),
            ["状态"] = StateName(n.State),
            ["亮灯"] = n.Light switch { Light.Red => "红灯", Light.Yellow => "黄灯", _ => "" },
            ["下达时间"] = Local(n.IssuedAtUtc),
            ["答复期限"] = Local(n.DueAtUtc),
            ["答复时间"] = n.AnsweredAtUtc is { } a ? Local(a) : "",
            ["办结时间"] = n.ClosedAtUtc is { } c ? Local(c) : "",
            ["是否逾期"] = n.IsLate(now) ? "是" : "否",
            ["退回次数"] = n.RejectCount,
            ["催办次数"] = n.ReminderCount,
            ["挂牌督办"] = n.IsListed ? "是" : "否",
            ["办理结果"] = n.Outcome ?? "",
            ["涉及工单"] = string.Join("，", n.Orders.Select(o => o.Number)),
        });
    }

    private IQueryable<SupervisionNotice> Visible()
    {
        var query = db.Set<SupervisionNotice>().AsNoTracking();
        var scope = user.Scope;
        if (!scope.IsPlatformWide)
        {
            var path = scope.Path;
            query = query.Where(n => n.UnitPath.StartsWith(path));
        }

        return query;
    }

    internal static string MethodName(SupervisionMethod m) => m switch
    {
        SupervisionMethod.Document => "发函督办",
        SupervisionMethod.Meeting => "会议督办",
        SupervisionMethod.OnSite => "现场督办",
        SupervisionMethod.UnannouncedVisit => "暗访督办",
        SupervisionMethod.CoordinationMeeting => "专题协调会",
        _ => "约谈提醒",
    };

    internal static string StateName(NoticeState s) => s switch
    {
        NoticeState.Issued => "待签收",
        NoticeState.InHand => "办理中",
        NoticeState.Answered => "待审核",
        _ => "已办结",
    };

    private static string Local(DateTime utc) => SupervisionNotice.Local(utc);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool? Bool(string? text, string field, Validation v)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (bool.TryParse(text.Trim(), out var value))
        {
            return value;
        }

        v.Add(field, "Give true or false.");
        return null;
    }

    private static DateOnly? Date(string? text, string field, Validation v)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && ChinaTime.IsSupported(date))
        {
            return date;
        }

        v.Add(field, $"Give a date as yyyy-MM-dd, {ChinaTime.SupportedRange}.");
        return null;
    }

    private static List<T> List<T>(string? text, string field, Validation v)
        where T : struct, Enum
    {
        var result = new List<T>();
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
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
}
