using System.Globalization;
using Hotline.Domain;
using Hotline.Domain.Assessment;
using Hotline.Domain.Citizens;
using Hotline.Domain.Citizens.Interception;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Citizens;

/// <summary>
/// The reviewers' side of the interception of internet submissions (issue 18): the list (by rule), one interception with
/// its text as evidence, the release of a false positive into the online intake queue with a reason, the counts per rule
/// per day; and the abusive-wording list administrators edit. The centre only, as the online intake queue.
/// </summary>
public static class InterceptionEndpoints
{
    public static IEndpointRouteBuilder MapInterceptions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/interceptions").WithTags("Online intake").RequireAuthorization(Policies.ReviewInterceptions);
        group.MapGet("/", List).WithSummary("Intercepted internet submissions, newest first; filter by rule.");
        group.MapGet("/counts", Counts).WithSummary("Interceptions per rule per day (China) over a period.");
        group.MapGet("/{id:long}", Get).WithSummary("One interception with its text as evidence.");
        group.MapPost("/{id:long}/release", Release).WithSummary("Release a false positive into the online intake queue, with a reason.");

        var words = app.MapGroup("/api/interception-words").WithTags("Online intake").RequireAuthorization(Policies.EditInterceptionWords);
        words.MapGet("/", Words).WithSummary("The abusive-wording list.");
        words.MapPost("/", AddWord).WithSummary("Add a word (matched ignoring spaces, punctuation, full-width forms and case).");
        words.MapDelete("/{id:long}", RemoveWord).WithSummary("Remove a word.");
        return app;
    }

    private static async Task<Ok<Paged<InterceptionItem>>> List(
        [MaxLength(Limits.QueryValue)] string? rule, int? page, int? pageSize, HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var validation = new Validation();
        var chosen = validation.Enum<InterceptionRule>(rule, "rule");
        var (p, size) = Paging.Normalise(page, pageSize);
        validation.ThrowIfInvalid();
        if (!CitizenRules.SeesQueue(user.Scope))
        {
            return TypedResults.Ok(new Paged<InterceptionItem>([], 0, p, size));
        }

        var query = db.Set<Interception>().AsNoTracking();
        if (chosen is { } r)
        {
            query = query.Where(i => i.Rule == r);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(i => i.InterceptedAtUtc).ThenByDescending(i => i.Id).Skip((p - 1) * size).Take(size)
            .Select(i => new { i.Id, i.Rule, i.Channel, i.MaskedPhone, i.Evidence, i.InterceptedAtUtc, i.ReleasedAtUtc, i.ReleasedAs, i.Version }).ToListAsync(ct);
        return TypedResults.Ok(new Paged<InterceptionItem>(
            rows.Select(i => new InterceptionItem(
                i.Id, i.Rule, i.Channel, i.MaskedPhone, i.Evidence.Length > 60 ? i.Evidence[..60] + "…" : i.Evidence, WorkOrderDto.Local(i.InterceptedAtUtc),
                i.ReleasedAtUtc is not null, i.ReleasedAs, i.Version)).ToList(), total, p, size));
    }

    private static async Task<Ok<InterceptionDto>> Get(long id, HotlineDbContext db, CurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(InterceptionDto.From(await FindAsync(db, user, id, tracked: false, ct)));

    private static async Task<Ok<InterceptionDto>> Release(
        long id, ReleaseRequest request, HotlineDbContext db, CurrentUser user, SubmissionPath path, TimeProvider time, CancellationToken ct)
    {
        var expected = request.Version ?? throw ValidationException.For("version", "Give the version you saw.");
        var interception = await FindAsync(db, user, id, tracked: true, ct);
        if (interception.Version != expected)
        {
            throw new ConcurrencyConflictException("Someone else changed this interception first; reload it.");
        }

        db.ExpectVersion(interception, expected);
        var submission = await path.ReleaseAsync(interception.Submission(), ct);
        interception.Release(user.DisplayName, request.Reason, submission.Number, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(InterceptionDto.From(interception));
    }

    private static async Task<Ok<InterceptionCounts>> Counts(
        [MaxLength(Limits.QueryValue)] string? from, [MaxLength(Limits.QueryValue)] string? to, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var today = InterceptionRules.Day(time.GetUtcNow().UtcDateTime);
        var validation = new Validation();
        var start = Date(from, "from", validation) ?? today.AddDays(-29);
        var end = Date(to, "to", validation) ?? today;
        validation.ThrowIfInvalid();
        var period = AssessmentPeriod.Range(start, end);
        var rows = !CitizenRules.SeesQueue(user.Scope)
            ? []
            : await db.Set<Interception>().AsNoTracking().Where(i => i.Day >= period.From && i.Day <= period.To)
                .GroupBy(i => new { i.Day, i.Rule }).Select(g => new { g.Key.Day, g.Key.Rule, Count = g.Count() }).ToListAsync(ct);
        var days = rows.OrderBy(r => r.Day).ThenBy(r => r.Rule).Select(r => new InterceptionCount(r.Day, r.Rule, r.Count)).ToList();
        var totals = Enum.GetValues<InterceptionRule>().ToDictionary(InterceptionRules.Code, r => days.Where(d => d.Rule == r).Sum(d => d.Count));
        return TypedResults.Ok(new InterceptionCounts(period.From, period.To, days, totals));
    }

    private static async Task<Ok<List<InterceptionWordDto>>> Words(HotlineDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<InterceptionWord>().AsNoTracking().OrderBy(w => w.Id).ToListAsync(ct))
            .Select(w => new InterceptionWordDto(w.Id, w.Word, WorkOrderDto.Local(w.CreatedAtUtc), w.CreatedByName)).ToList());

    private static async Task<Created<InterceptionWordDto>> AddWord(WordRequest request, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var word = InterceptionWord.Create(request.Word, user.DisplayName, time.GetUtcNow().UtcDateTime);
        if (await db.Set<InterceptionWord>().AnyAsync(w => w.Normalised == word.Normalised, ct))
        {
            throw ValidationException.For("word", "This word is on the list already.");
        }

        db.Add(word);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/interception-words/{word.Id}", new InterceptionWordDto(word.Id, word.Word, WorkOrderDto.Local(word.CreatedAtUtc), word.CreatedByName));
    }

    private static async Task<NoContent> RemoveWord(long id, HotlineDbContext db, CancellationToken ct)
    {
        var removed = await db.Set<InterceptionWord>().Where(w => w.Id == id).ExecuteDeleteAsync(ct);
        return removed == 0 ? throw new NotFoundException("interception_word.not_found", "No such word.") : TypedResults.NoContent();
    }

    private static async Task<Interception> FindAsync(HotlineDbContext db, CurrentUser user, long id, bool tracked, CancellationToken ct)
    {
        var set = tracked ? db.Set<Interception>() : db.Set<Interception>().AsNoTracking();
        var interception = CitizenRules.SeesQueue(user.Scope) ? await set.SingleOrDefaultAsync(i => i.Id == id, ct) : null;
        return interception ?? throw new NotFoundException("interception.not_found", "No such interception.");
    }

    private static DateOnly? Date(string? value, string field, Validation validation)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        validation.Add(field, "Give a date as yyyy-MM-dd.");
        return null;
    }
}
