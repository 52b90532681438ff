using System.Globalization;
using Hotline.Domain;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Dispatch.Routing;
using Hotline.Features.WorkOrders;
using Hotline.Features.WorkOrders.Entities;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Hotline.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Intake;

/// <summary>What the intake agent has typed so far. POST, so that phone numbers and texts stay out of URLs and logs.</summary>
public sealed record RepeatCandidatesRequest([property: MaxLength(Limits.Phone)] string? Phone, [property: MaxLength(Limits.ShortText)] string? Subject, [property: MaxLength(Limits.LongText)] string? Events, [property: MaxLength(Limits.MediumText)] string? Demand, [property: MaxLength(Limits.Code)] string? RegionCode, long? ExcludeId);

/// <summary>An earlier (or, for an existing order, later) order that may report the same matter.</summary>
/// <param name="CallerPhone">Masked ("138****5678"); null when the caller is hidden from the viewer.</param>
/// <param name="Reasons">"same-caller" (within 90 days, a related matter), "similar-text" (within 30 days), "shared-entity" (a rare named thing both name).</param>
/// <param name="SharedEntities">The named things both orders name (compounds, companies, schools, roads …), rarest first.</param>
/// <param name="SharedTerms">The heaviest words both texts share, as written in the text being checked (at most 5).</param>
/// <param name="SamePlace">Both orders are in the same street.</param>
/// <param name="SameCaller">The same caller's number (the number itself is never shown here beyond <paramref name="CallerPhone"/>).</param>
public sealed record RepeatCandidateView(
    long Id, string Number, string Subject, WorkOrderStatus Status, DateTimeOffset RegisteredAt, string? RegionCode, string? LeadUnitName, string? CallerPhone,
    double Score, double Similarity, IReadOnlyList<string> Reasons, IReadOnlyList<string> SharedEntities, IReadOnlyList<string> SharedTerms, bool SamePlace, bool SameCaller);

/// <summary>The rules the candidates were found with (docs/decisions.md).</summary>
public sealed record RepeatRulesView(int CallerWindowDays, int TextWindowDays, double CallerMinSimilarity, double TextThreshold);

/// <summary>Why the answer may be incomplete (code "repeats.index_warming" while this node loads the last 90 days).</summary>
public sealed record RepeatWarning(string Code, string Message);

/// <param name="Entities">Issue 19: the named things found in the text being checked (the typed text, or the order's stored ones).</param>
public sealed record RepeatCandidatesView(
    IReadOnlyList<RepeatCandidateView> Candidates, RepeatIndexStatus Index, RepeatRulesView Rules, IReadOnlyList<RepeatWarning> Warnings, IReadOnlyList<EntityView> Entities);

/// <summary>Repeat candidates at intake (S3 "similar recent tickets of the same caller or event"): <c>/api/repeat-candidates</c>.</summary>
public static class RepeatEndpoints
{
    private const int MaxCandidates = 10;

    public static IEndpointRouteBuilder MapRepeatCandidates(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/repeat-candidates", ForText).WithTags("Smart dispatch").RequireAuthorization(Policies.IntakeAssist);
        app.MapGet("/api/work-orders/{id:long}/repeat-candidates", ForOrder).WithTags("Smart dispatch").RequireAuthorization(Policies.IntakeAssist);
        return app;
    }

    private sealed record CandidateRow(
        long Id, string Number, string Subject, WorkOrderStatus Status, DateTime RegisteredAtUtc, string? RegionCode, string? LeadUnitName, string? LeadUnitPath,
        string? CallerPhone, bool CallerIsConfidential, List<string> CoUnitPaths);

    private static async Task<Ok<RepeatCandidatesView>> ForText(
        RepeatCandidatesRequest request, RepeatCandidateIndex index, HotlineDbContext db, CurrentUser user, TimeProvider time, WorkOrderEntityExtractor entities, CancellationToken ct)
    {
        var text = WorkOrderText.Of(request.Subject ?? string.Empty, request.Events ?? string.Empty, request.Demand ?? string.Empty);
        new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.Phone) || text.Length > 2, "events", "Give the caller's phone or the text of the request.")
            .Require(request.Phone is null || request.Phone.Length <= 30, "phone", "At most 30 characters.")
            .Require(text.Length <= 8000, "events", "At most 8,000 characters of text.")
            .Require(request.RegionCode is null || request.RegionCode.Length <= 12, "regionCode", "A region code has at most 12 characters.")
            .ThrowIfInvalid();
        var query = new RepeatDocument(
            request.ExcludeId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, text, time.GetUtcNow(), request.Phone, WorkOrderText.PlaceOf(request.RegionCode));
        var found = WorkOrderEntityExtractor.Views(entities.Of(request.Subject ?? string.Empty, request.Events ?? string.Empty, request.Demand ?? string.Empty));
        return TypedResults.Ok(await FindAsync(index, db, user.ToActor(), query, ct, found));
    }

    private static async Task<Ok<RepeatCandidatesView>> ForOrder(long id, WorkOrderCommands commands, RepeatCandidateIndex index, HotlineDbContext db, CancellationToken ct)
    {
        var order = await commands.LoadVisibleAsync(id, ct);
        var query = RepeatCandidateIndex.Document(order.Id, order.Subject, order.Events, order.Demand, order.RegisteredAtUtc, order.CallerPhone, order.RegionCode);
        return TypedResults.Ok(await FindAsync(index, db, commands.Actor, query, ct, await WorkOrderEntities.OfAsync(db, order.Id, ct)));
    }

    /// <summary>What both endpoints answer: the index's candidates, loaded, filtered by scope and masked for <paramref name="viewer"/>.</summary>
    public static async Task<RepeatCandidatesView> FindAsync(
        RepeatCandidateIndex index, HotlineDbContext db, Actor viewer, RepeatDocument query, CancellationToken ct, IReadOnlyList<EntityView>? entities = null)
    {
        var found = index.Find(query, MaxCandidates * 2);
        var candidates = new List<RepeatCandidateView>();
        if (found.Count > 0)
        {
            // Only the columns the answer shows (the intake screen asks while the agent types: no timeline, no JSON columns).
            var ids = found.Select(c => long.Parse(c.Id, CultureInfo.InvariantCulture)).ToList();
            var rows = await db.Set<WorkOrder>().AsNoTracking().IgnoreAutoIncludes()
                .Where(w => ids.Contains(w.Id) && w.MergedIntoId == null)
                .Select(w => new CandidateRow(
                    w.Id, w.Number, w.Subject, w.Status, w.RegisteredAtUtc, w.RegionCode, w.LeadUnitName, w.LeadUnitPath, w.CallerPhone, w.CallerIsConfidential,
                    w.CoUnits.Select(c => c.UnitPath).ToList()))
                .ToDictionaryAsync(w => w.Id, ct);
            candidates = found
                .Select(c => (Candidate: c, Row: rows.GetValueOrDefault(long.Parse(c.Id, CultureInfo.InvariantCulture))))
                .Where(p => p.Row is not null && WorkOrder.IsVisible(viewer, p.Row.LeadUnitPath, p.Row.CoUnitPaths))
                .Take(MaxCandidates)
                .Select(p => new RepeatCandidateView(
                    p.Row!.Id, p.Row.Number, p.Row.Subject, p.Row.Status, WorkOrderDto.Local(p.Row.RegisteredAtUtc), p.Row.RegionCode, p.Row.LeadUnitName,
                    CallerView.MaskedPhone(viewer, p.Row.CallerIsConfidential, p.Row.CallerPhone), Math.Round(p.Candidate.Score, 4), Math.Round(p.Candidate.Similarity, 4),
                    p.Candidate.ReasonCodes, p.Candidate.SharedEntities, p.Candidate.SharedTerms, p.Candidate.SamePlace, p.Candidate.Reasons.HasFlag(RepeatReasons.SameCaller)))
                .ToList();
        }

        var status = index.Status;
        var rules = index.Rules;
        return new RepeatCandidatesView(
            candidates,
            status,
            new RepeatRulesView((int)rules.CallerWindow.TotalDays, (int)rules.TextWindow.TotalDays, rules.CallerMinSimilarity, rules.TextThreshold),
            status.Warming ? [new RepeatWarning("repeats.index_warming", $"The repeat index is still loading on this server ({status.Indexed:N0} orders so far): older candidates may be missing.")] : [],
            entities ?? []);
    }
}
