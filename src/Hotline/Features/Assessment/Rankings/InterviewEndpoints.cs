using Hotline.Domain;
using Hotline.Domain.Assessment;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Assessment.Rankings;

public sealed record InterviewDto(
    long Id, long UnitId, string UnitName, string Month, InterviewReason Reason, string Basis, InterviewState State, DateTimeOffset ProposedAt,
    DateTimeOffset? DecidedAt, string? DecidedByName, string? DismissReason, DateOnly? InterviewDate, string? Interviewer, string? UnitHead, string? Outcome,
    DateTimeOffset? RecordedAt, string? RecordedByName, IReadOnlyList<string> AvailableActions, long Version)
{
    public static InterviewDto From(InterviewProposal p, Domain.WorkOrders.Actor actor) => new(
        p.Id, p.UnitId, p.UnitName, p.Month, p.Reason, p.Basis, p.State, RankingEndpoints.ChinaLocal(p.ProposedAtUtc),
        p.DecidedAtUtc is { } d ? RankingEndpoints.ChinaLocal(d) : null, p.DecidedByName, p.DismissReason, p.InterviewDate, p.Interviewer, p.UnitHead, p.Outcome,
        p.RecordedAtUtc is { } r ? RankingEndpoints.ChinaLocal(r) : null, p.RecordedByName, p.AvailableActions(actor), p.Version);
}

public sealed record InterviewDecisionRequest([property: MaxLength(Limits.Reason)] string? Reason, long? Version);

public sealed record InterviewRecordRequest(
    DateOnly? Date, [property: MaxLength(Limits.Name)] string? Interviewer, [property: MaxLength(Limits.Name)] string? UnitHead,
    [property: MaxLength(Limits.MediumText)] string? Outcome, long? Version);

/// <summary>The interview list (约谈, S9, issue 17): proposed by the rule (job or on demand), confirmed or dismissed, the interview recorded.</summary>
public static class InterviewEndpoints
{
    public static RouteGroupBuilder MapInterviews(this RouteGroupBuilder group)
    {
        group.MapGet("/interviews", List).RequireAuthorization(Policies.ReadRankings).WithSummary("The interview list in the caller's scope, by month and state.");
        group.MapPost("/interviews/propose", Propose).RequireAuthorization(Policies.ManageRankings).WithSummary("Propose the interview list of an ended month now.");
        group.MapPost("/interviews/{id:long}/confirm", Confirm).RequireAuthorization(Policies.ManageRankings);
        group.MapPost("/interviews/{id:long}/dismiss", Dismiss).RequireAuthorization(Policies.ManageRankings);
        group.MapPost("/interviews/{id:long}/record", Record).RequireAuthorization(Policies.ManageRankings).WithSummary("Record the interview of a confirmed proposal.");
        return group;
    }

    internal static async Task<Ok<Paged<InterviewDto>>> List(HotlineDbContext db, CurrentUser user, string? month, string? state, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Paging.Normalise(page, pageSize);
        var path = user.Scope.Path;
        var query = db.Set<InterviewProposal>().AsNoTracking().Where(p => p.UnitPath.StartsWith(path));
        if (month is not null)
        {
            var key = AssessmentMonth.Parse(month).Key;
            query = query.Where(p => p.Month == key);
        }

        if (state is not null)
        {
            var s = Enum.TryParse<InterviewState>(state, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : throw ValidationException.For("state", "Unknown state.");
            query = query.Where(p => p.State == s);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(p => p.Month).ThenBy(p => p.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        var actor = user.ToActor();
        return TypedResults.Ok(new Paged<InterviewDto>(rows.Select(p => InterviewDto.From(p, actor)).ToList(), total, number, size));
    }

    private static async Task<Ok<List<InterviewDto>>> Propose(string? month, [FromServices] InterviewService interviews, [FromServices] RankingService rankings, CurrentUser user, CancellationToken ct)
    {
        var made = await interviews.ProposeAsync(AssessmentMonth.ParseBegun(month, rankings.Today), ct);
        var actor = user.ToActor();
        return TypedResults.Ok(made.Select(p => InterviewDto.From(p, actor)).ToList());
    }

    private static Task<Ok<InterviewDto>> Confirm(long id, InterviewDecisionRequest r, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct) =>
        ChangeAsync(id, r.Version, db, user, p => p.Confirm(user.ToActor(), time.GetUtcNow().UtcDateTime), ct);

    private static Task<Ok<InterviewDto>> Dismiss(long id, InterviewDecisionRequest r, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct) =>
        ChangeAsync(id, r.Version, db, user, p => p.Dismiss(r.Reason, user.ToActor(), time.GetUtcNow().UtcDateTime), ct);

    private static Task<Ok<InterviewDto>> Record(long id, InterviewRecordRequest r, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct) =>
        ChangeAsync(id, r.Version, db, user, p => p.RecordInterview(r.Date, r.Interviewer, r.UnitHead, r.Outcome, user.ToActor(), time.GetUtcNow().UtcDateTime), ct);

    private static async Task<Ok<InterviewDto>> ChangeAsync(long id, long? version, HotlineDbContext db, CurrentUser user, Action<InterviewProposal> change, CancellationToken ct)
    {
        var expected = version ?? throw ValidationException.For("version", "Give the version you saw.");
        var proposal = await db.Set<InterviewProposal>().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (proposal is null || !user.Scope.Covers(proposal.UnitPath))
        {
            throw new NotFoundException("interview_not_found", "No such interview proposal.");
        }

        if (proposal.Version != expected)
        {
            throw new ConcurrencyConflictException("The proposal was changed by someone else; reload it.");
        }

        db.ExpectVersion(proposal, expected);
        change(proposal);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("The proposal was changed by someone else; reload it.");
        }

        return TypedResults.Ok(InterviewDto.From(proposal, user.ToActor()));
    }
}
