using Hotline.Domain;
using Hotline.Domain.Citizens;
using Hotline.Domain.Citizens.Interception;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Dispatch;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline.Features.Citizens;

/// <summary>
/// The mayor's mailbox (市长信箱, issue 18): a citizen with a verified phone writes a letter (through the one submission
/// path, so the interception rules apply and the letter waits in the online intake queue); the centre publishes a closed
/// letter with its reply when the citizen agreed, after editing the proposal with personal data removed; anyone reads
/// the published letters (anonymous, rate-limited per address).
/// </summary>
public static class MailboxEndpoints
{
    public const string RateLimit = "portal-mailbox";

    public static IEndpointRouteBuilder MapMailbox(this IEndpointRouteBuilder app)
    {
        var citizen = app.MapGroup("/api/citizen/mailbox").WithTags(CitizenEndpoints.Tag).AllowAnonymous()
            .RequireRateLimiting(CitizenEndpoints.RateLimit).AddEndpointFilter(CitizenAccess.ChannelFilter);
        citizen.MapPost("/letters", Write).WithSummary("Write to the mayor's mailbox; the letter waits in the online intake queue.");

        var listing = app.MapGroup("/api/portal/mailbox").WithTags("Portal").AllowAnonymous().RequireRateLimiting(RateLimit);
        listing.MapGet("/letters", Published).WithSummary("The published letters and their replies, newest first.");
        listing.MapGet("/letters/{id:long}", PublishedOne);

        var centre = app.MapGroup("/api/mailbox").WithTags("Online intake").RequireAuthorization(Policies.PublishLetters);
        centre.MapGet("/letters", Letters).WithSummary("Letters accepted into orders, newest first, with their consent and publication.");
        centre.MapGet("/letters/{submissionId:long}/proposal", Proposal).WithSummary("The letter and the reply with personal data removed, to edit before publishing.");
        centre.MapPost("/letters/{submissionId:long}/publish", Publish).WithSummary("Publish (or publish again) the edited letter and reply.");
        centre.MapPost("/letters/{submissionId:long}/unpublish", Unpublish);
        return app;
    }

    private static async Task<Created<SubmissionReceived>> Write(
        LetterRequest request, HttpContext http, CitizenAccess access, SubmissionPath path, CategoryDirectory categories, IOptionsMonitor<MailboxOptions> options, CancellationToken ct)
    {
        var phone = access.RequirePhone(http);
        var (content, letter) = LetterCheck.Check(request.ToInput(), options.CurrentValue.DefaultCategoryCode, code => categories.Find(code) is { } c && OnlineCategories.IsOffered(c));
        var channel = CitizenAccess.ChannelOf(http);
        var submission = await path.SendAsync(
            new InterceptedSubmission(content, Channel.MayorMailbox, channel.KeyId, phone, InterceptedSubmission.KeyOf(ClientAddress.Of(http)), letter), ct);
        return TypedResults.Created($"/api/citizen/submissions/{submission.Number}", new SubmissionReceived(submission.Number, WorkOrderDto.Local(submission.SubmittedAtUtc), CitizenStage.Queued));
    }

    private static async Task<Ok<Paged<PublicLetterDto>>> Published(int? page, int? pageSize, HotlineDbContext db, CategoryDirectory categories, CancellationToken ct)
    {
        var (p, size) = Paging.Normalise(page, pageSize);
        var query = db.Set<PublishedLetter>().AsNoTracking().Where(l => l.UnpublishedAtUtc == null);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(l => l.PublishedAtUtc).ThenByDescending(l => l.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<PublicLetterDto>(rows.Select(l => Public(l, categories)).ToList(), total, p, size));
    }

    private static async Task<Ok<PublicLetterDto>> PublishedOne(long id, HotlineDbContext db, CategoryDirectory categories, CancellationToken ct)
    {
        var letter = await db.Set<PublishedLetter>().AsNoTracking().SingleOrDefaultAsync(l => l.Id == id && l.UnpublishedAtUtc == null, ct);
        return letter is null ? throw new NotFoundException("letter.not_found", "没有找到这封信。") : TypedResults.Ok(Public(letter, categories));
    }

    private static async Task<Ok<Paged<MailboxLetterItem>>> Letters(int? page, int? pageSize, HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var (p, size) = Paging.Normalise(page, pageSize);
        if (!CitizenRules.SeesQueue(user.Scope))
        {
            return TypedResults.Ok(new Paged<MailboxLetterItem>([], 0, p, size));
        }

        var query = db.Set<Submission>().AsNoTracking().Where(s => s.Channel == Channel.MayorMailbox && s.WorkOrderId != null);
        var total = await query.CountAsync(ct);
        var letters = await query.OrderByDescending(s => s.SubmittedAtUtc).ThenByDescending(s => s.Id).Skip((p - 1) * size).Take(size)
            .Select(s => new { s.Id, s.Number, s.Title, s.SubmittedAtUtc, s.WorkOrderId, s.WorkOrderNumber, s.ConsentToPublish }).ToListAsync(ct);
        var orderIds = letters.Select(l => l.WorkOrderId!.Value).ToList();
        var statuses = await db.Set<WorkOrder>().AsNoTracking().Where(w => orderIds.Contains(w.Id)).Select(w => new { w.Id, w.Status }).ToDictionaryAsync(w => w.Id, w => w.Status, ct);
        var ids = letters.Select(l => l.Id).ToList();
        var publications = await db.Set<PublishedLetter>().AsNoTracking().Where(l => ids.Contains(l.SubmissionId)).ToDictionaryAsync(l => l.SubmissionId, ct);
        return TypedResults.Ok(new Paged<MailboxLetterItem>(letters.Select(l =>
        {
            var status = statuses.GetValueOrDefault(l.WorkOrderId!.Value);
            var publication = publications.GetValueOrDefault(l.Id);
            return new MailboxLetterItem(
                l.Id, l.Number, l.Title ?? string.Empty, WorkOrderDto.Local(l.SubmittedAtUtc), l.WorkOrderId, l.WorkOrderNumber, status, l.ConsentToPublish,
                l.ConsentToPublish && status is WorkOrderStatus.Closed or WorkOrderStatus.Archived, publication?.IsPublished == true,
                publication is null ? null : WorkOrderDto.Local(publication.PublishedAtUtc), publication?.Version);
        }).ToList(), total, p, size));
    }

    private static async Task<Ok<LetterProposal>> Proposal(long submissionId, HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var (letter, order, publication) = await LoadAsync(db, user, submissionId, tracked: false, ct);
        if (publication is not null)
        {
            return TypedResults.Ok(new LetterProposal(publication.Title, publication.Letter, publication.Reply, publication.IsPublished, publication.Version));
        }

        var reply = PublishedLetter.ReplyOf(order);
        PublishedLetter.RequirePublishable(letter, reply?.ClosedAtUtc);
        string?[] names = [letter.CitizenName, order.CallerName];
        var text = string.Join("\n", new[] { letter.Description, letter.Demand }.Where(t => !string.IsNullOrEmpty(t)));
        return TypedResults.Ok(new LetterProposal(
            PersonalData.Remove(letter.Title, names), PersonalData.Remove(text, names), PersonalData.Remove(reply!.Value.Text, names), false, null));
    }

    private static async Task<Ok<LetterProposal>> Publish(
        long submissionId, PublishLetterRequest request, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var (letter, order, publication) = await LoadAsync(db, user, submissionId, tracked: true, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var reply = PublishedLetter.ReplyOf(order);
        var text = new LetterText(request.Title, request.Letter, request.Reply);
        if (publication is null)
        {
            publication = PublishedLetter.Publish(letter, order.CategoryCode, reply?.ClosedAtUtc, text, user.DisplayName, now);
            db.Add(publication);
        }
        else
        {
            Expect(db, publication, request.Version);
            PublishedLetter.RequirePublishable(letter, reply?.ClosedAtUtc);
            publication.Republish(text, user.DisplayName, now);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new LetterProposal(publication.Title, publication.Letter, publication.Reply, publication.IsPublished, publication.Version));
    }

    private static async Task<Ok<LetterProposal>> Unpublish(long submissionId, PublicationVersion request, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var (_, _, publication) = await LoadAsync(db, user, submissionId, tracked: true, ct);
        if (publication is null)
        {
            throw new DomainException("letter.not_published", "This letter is not published.");
        }

        Expect(db, publication, request.Version);
        publication.Unpublish(user.DisplayName, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new LetterProposal(publication.Title, publication.Letter, publication.Reply, publication.IsPublished, publication.Version));
    }

    private static void Expect(HotlineDbContext db, PublishedLetter publication, long? version)
    {
        var expected = version ?? throw ValidationException.For("version", "Give the version you saw.");
        if (publication.Version != expected)
        {
            throw new ConcurrencyConflictException("Someone else changed this publication first; reload it.");
        }

        db.ExpectVersion(publication, expected);
    }

    private static async Task<(Submission Letter, WorkOrder Order, PublishedLetter? Publication)> LoadAsync(
        HotlineDbContext db, CurrentUser user, long submissionId, bool tracked, CancellationToken ct)
    {
        var letter = CitizenRules.SeesQueue(user.Scope)
            ? await db.Set<Submission>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == submissionId && s.Channel == Channel.MayorMailbox, ct)
            : null;
        if (letter?.WorkOrderId is not { } orderId)
        {
            throw new NotFoundException("letter.not_found", "No such letter accepted into a work order.");
        }

        var order = await db.Set<WorkOrder>().AsNoTracking().SingleAsync(w => w.Id == orderId, ct);
        var publications = tracked ? db.Set<PublishedLetter>() : db.Set<PublishedLetter>().AsNoTracking();
        return (letter, order, await publications.SingleOrDefaultAsync(p => p.SubmissionId == submissionId, ct));
    }

    private static PublicLetterDto Public(PublishedLetter l, CategoryDirectory categories) => new(
        l.Id, l.Title, l.Letter, l.Reply, categories.Find(l.CategoryCode)?.Name ?? string.Empty,
        WorkOrderDto.Local(l.WrittenAtUtc), WorkOrderDto.Local(l.RepliedAtUtc), WorkOrderDto.Local(l.PublishedAtUtc));
}
