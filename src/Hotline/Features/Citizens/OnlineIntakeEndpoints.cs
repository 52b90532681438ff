using Hotline.Domain;
using Hotline.Domain.CitizenMessages;
using Hotline.Domain.Citizens;
using Hotline.Features.Dispatch;
using Hotline.Features.Intake;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Citizens;

/// <summary>
/// The online intake queue (issue 18, S2/S3): internet submissions wait here for an intake agent, who accepts one into a
/// work order through the registration path (every S3 outcome follows on the order) or refuses it with a coded reason
/// and a message to the citizen. Accepting is a claim on the submission's version: a second agent gets 409.
/// </summary>
public static class OnlineIntakeEndpoints
{
    public static IEndpointRouteBuilder MapOnlineIntake(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/online-intake").WithTags("Online intake").RequireAuthorization(Policies.OnlineIntake);
        group.MapGet("/", List).WithSummary("The queue (queued first, oldest first) or the decided submissions.");
        group.MapGet("/{id:long}", Get);
        group.MapPost("/{id:long}/accept", Accept).WithSummary("Register the submission as a work order with an S3 outcome.");
        group.MapPost("/{id:long}/refuse", Refuse).WithSummary("Refuse with a coded reason and a message to the citizen.");
        return app;
    }

    private static async Task<Ok<Paged<SubmissionListItem>>> List(
        [MaxLength(Limits.QueryValue)] string? state, int? page, int? pageSize, HotlineDbContext db, CurrentUser user, CategoryDirectory categories, CancellationToken ct)
    {
        var validation = new Validation();
        var chosen = validation.Enum<SubmissionState>(state, "state") ?? SubmissionState.Queued;
        var (p, size) = Paging.Normalise(page, pageSize);
        validation.ThrowIfInvalid();
        if (!CitizenRules.SeesQueue(user.Scope))
        {
            return TypedResults.Ok(new Paged<SubmissionListItem>([], 0, p, size));
        }

        var query = db.Set<Submission>().AsNoTracking().Where(s => s.State == chosen);
        var total = await query.CountAsync(ct);
        var ordered = chosen == SubmissionState.Queued ? query.OrderBy(s => s.SubmittedAtUtc).ThenBy(s => s.Id) : query.OrderByDescending(s => s.DecidedAtUtc).ThenByDescending(s => s.Id);
        var rows = await ordered.Skip((p - 1) * size).Take(size)
            .Select(s => new { s.Id, s.Number, s.Channel, s.RequestType, s.CategoryCode, s.RegionCode, s.Description, s.State, s.SubmittedAtUtc, s.WorkOrderNumber, s.Version })
            .ToListAsync(ct);
        var items = rows.Select(r => new SubmissionListItem(
            r.Id, r.Number, r.Channel, r.RequestType, categories.Find(r.CategoryCode)?.Name ?? r.CategoryCode, r.RegionCode,
            r.Description.Length > 60 ? r.Description[..60] + "…" : r.Description, r.State, WorkOrders.WorkOrderDto.Local(r.SubmittedAtUtc), r.WorkOrderNumber, r.Version)).ToList();
        return TypedResults.Ok(new Paged<SubmissionListItem>(items, total, p, size));
    }

    private static async Task<Ok<SubmissionDto>> Get(long id, HotlineDbContext db, CurrentUser user, CategoryDirectory categories, CancellationToken ct) =>
        TypedResults.Ok(await DtoAsync(db, categories, await FindAsync(db, user, id, ct), ct));

    private static async Task<Created<AcceptedSubmission>> Accept(
        long id, AcceptSubmissionRequest request, HotlineDbContext db, CurrentUser user, IntakeRegistration registration, CategoryDirectory categories, TimeProvider time,
        Attachments.UploadClaims uploads, CancellationToken ct)
    {
        var submission = await LoadForChangeAsync(db, user, id, request.Version, ct);
        submission.Accept(user.Id, user.DisplayName, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct); // the claim: a second agent holding the same version gets 409 here (ProblemExceptionHandler)

        // The channel and the caller are the submission's: the agent completes the order, not the citizen's identity. The
        // citizen's photos go onto the order with the agent's own files (issue 18): the order's scope and confidentiality rule them.
        var photos = (await CitizenUploadEndpoints.OfSubmissionAsync(db, submission.Id, ct)).Where(u => u.WorkOrderId is null).Select(u => u.Id);
        uploads.CarryFrom(submission.Id);
        var order = request with
        {
            AttachmentIds = [.. request.AttachmentIds ?? [], .. photos],
            Channel = submission.Channel,
            Caller = new CallerInput(submission.CitizenName, submission.Phone, submission.IsAnonymous, submission.IsConfidential),
        };
        Domain.WorkOrders.WorkOrder registered;
        try
        {
            (registered, _) = await registration.RegisterAsync(order, ct);
        }
        catch (Exception)
        {
            submission.ReturnToQueue();
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }

        submission.RegisteredAs(registered.Id, registered.Number);
        db.Add(CitizenMessage.Create(
            CitizenMessageKind.SubmissionAccepted, submission.Phone,
            MessageTemplates.Fill(MessageTemplates.Accepted, ("number", submission.Number), ("order", registered.Number)), registered.Id, null, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/work-orders/{registered.Id}", new AcceptedSubmission(await DtoAsync(db, categories, submission, ct), registered.Id, registered.Number));
    }

    private static async Task<Ok<SubmissionDto>> Refuse(
        long id, RefuseSubmissionRequest request, HotlineDbContext db, CurrentUser user, CategoryDirectory categories, TimeProvider time, CancellationToken ct)
    {
        var submission = await LoadForChangeAsync(db, user, id, request.Version, ct);
        var now = time.GetUtcNow().UtcDateTime;
        submission.Refuse(user.Id, user.DisplayName, request.Reason, request.Message, now);
        db.Add(CitizenMessage.Create(
            CitizenMessageKind.SubmissionRefused, submission.Phone,
            MessageTemplates.Fill(MessageTemplates.Refused, ("number", submission.Number), ("message", submission.RefusalMessage!)), null, null, now));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DtoAsync(db, categories, submission, ct));
    }

    private static async Task<Submission> FindAsync(HotlineDbContext db, CurrentUser user, long id, CancellationToken ct)
    {
        var submission = await db.Set<Submission>().SingleOrDefaultAsync(s => s.Id == id, ct);
        return submission is not null && CitizenRules.SeesQueue(user.Scope)
            ? submission
            : throw new NotFoundException("submission.not_found", "No such submission.");
    }

    private static async Task<Submission> LoadForChangeAsync(HotlineDbContext db, CurrentUser user, long id, long? version, CancellationToken ct)
    {
        var expected = version ?? throw ValidationException.For("version", "Give the version you saw.");
        var submission = await FindAsync(db, user, id, ct);
        if (submission.Version != expected)
        {
            throw new ConcurrencyConflictException("Another agent has already taken this submission; reload the queue.");
        }

        db.ExpectVersion(submission, expected);
        return submission;
    }


    private static async Task<SubmissionDto> DtoAsync(HotlineDbContext db, CategoryDirectory categories, Submission s, CancellationToken ct)
    {
        var keyName = s.ChannelKeyId is { } keyId ? await db.Set<ChannelKey>().AsNoTracking().Where(k => k.Id == keyId).Select(k => k.Name).SingleOrDefaultAsync(ct) : null;
        var photos = await CitizenUploadEndpoints.OfSubmissionAsync(db, s.Id, ct);
        return SubmissionDto.From(s, categories.Find(s.CategoryCode)?.Name ?? s.CategoryCode, keyName) with { Photos = photos.Select(Attachments.UploadView.From).ToList() };
    }
}
