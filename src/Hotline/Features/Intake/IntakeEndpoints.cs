using Hotline.Domain;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Dispatch;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static Hotline.Features.WorkOrders.WorkOrderRoutes;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Intake;

public sealed record CallerHistoryItem(long Id, string Number, DateTimeOffset RegisteredAt, RequestType RequestType, string Subject, WorkOrderStatus Status, string? LeadUnitName);

public sealed record CallerHistory(string Phone, int Total, int OpenCount, IReadOnlyList<CallerHistoryItem> Items);

/// <summary>The number whose earlier orders the agent wants. POST, so that phone numbers stay out of URLs and logs.</summary>
public sealed record CallerHistoryRequest([property: MaxLength(Limits.Phone)] string? Phone);

/// <summary>Intake (S3): register, correct, answer directly, reject at intake, link repeats and merge, the caller's history.</summary>
public static class IntakeEndpoints
{
    public static IEndpointRouteBuilder MapIntake(this IEndpointRouteBuilder app)
    {
        var group = Group(app);
        group.MapPost("/", Register).RequireAuthorization(Policies.Intake);
        group.MapPost("/{id:long}/correct", (long id, CorrectRequest r, WorkOrderCommands c, CategoryDirectory categories, CancellationToken ct) =>
        {
            var content = r.ToContent(new Validation(), forDispatch: true);
            categories.EnsureActive(content.CategoryCode);
            return Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.Correct(c.Actor, clock, content with { Attachments = o.Attachments }, r.Note), ct));
        }).RequireAuthorization(Policies.Intake);
        group.MapPost("/{id:long}/answer-directly", AnswerDirectly).RequireAuthorization(Policies.Intake);
        group.MapPost("/{id:long}/handle-directly", (long id, HandleDirectlyRequest r, WorkOrderCommands c, Callback.CallbackPolicy policy, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.HandleDirectly(c.Actor, clock, r.CentreAction ?? string.Empty, policy.PicksAtIntake(o.Number, o.Caller, o.CitizenWantsCallback)), ct)))
            .RequireAuthorization(Policies.Intake);
        group.MapPost("/{id:long}/one-go-notice", (long id, OneGoNoticeRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.TellInOneGo(c.Actor, clock, r.Text ?? string.Empty), ct))).RequireAuthorization(Policies.Intake);
        group.MapPost("/{id:long}/reject-at-intake", (long id, RejectAtIntakeRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.RejectAtIntake(c.Actor, clock, Required(r.Reason, "reason"), r.TransferredTo, r.Note), ct))).RequireAuthorization(Policies.Intake);

        group.MapPost("/{id:long}/link-repeat", LinkRepeat).RequireAuthorization(Policies.Repeats);
        group.MapPost("/{id:long}/merge", Merge).RequireAuthorization(Policies.Merge);

        app.MapPost("/api/callers/history", CallerHistoryFor).WithTags("Work orders").RequireAuthorization(Policies.Intake);
        return app;
    }

    private static async Task<Created<WorkOrderDto>> Register(
        RegisterRequest request, IntakeRegistration registration, WorkOrderCommands commands, WorkOrders.Entities.WorkOrderEntityExtractor entities, CancellationToken ct)
    {
        var (order, clock) = await registration.RegisterAsync(request, ct);
        // The entities the save stored, found again from the same text rather than read back (no round trip at intake).
        var found = WorkOrders.Entities.WorkOrderEntityExtractor.Views(entities.Of(order));
        return TypedResults.Created($"/api/work-orders/{order.Id}", WorkOrderDto.From(order, commands.Actor, clock.Calendar, clock.Now, found));
    }

    /// <summary>
    /// After a send-back (often "the knowledge base already answers"), the agent answers and the order closes. The article
    /// answered with (given, or the one the dispatcher linked) has its use recorded in the same transaction, so the
    /// client does not call <c>/api/knowledge/articles/{id}/used</c> for it.
    /// </summary>
    private static async Task<Ok<WorkOrderDto>> AnswerDirectly(
        long id, AnswerRequest request, WorkOrderCommands commands, HotlineDbContext db, CurrentUser user, TimeProvider time, Callback.CallbackPolicy callbackPolicy,
        CancellationToken ct)
    {
        await commands.LoadVisibleAsync(id, ct);
        var given = request.ArticleId is null ? null : await commands.LiveArticleAsync(request.ArticleId, "articleId", ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        long? used = null;
        var dto = await commands.ExecuteAsync(id, request.Version, (o, clock) =>
        {
            o.AnswerDirectly(commands.Actor, clock, request.Answer ?? string.Empty, given?.Id, callbackPolicy.PicksAtIntake(o.Number, o.Caller, o.CitizenWantsCallback));
            used = o.Resolution?.ArticleId;
        }, ct);

        // The dispatcher's article may have expired since the send-back: the answer stands, but the use is not counted.
        var now = time.GetUtcNow().UtcDateTime;
        if (used is { } articleId && (given ?? await Knowledge.KnowledgeLookup.FindLiveAsync(db, articleId, now, ct)) is { } article)
        {
            await Knowledge.KnowledgeLookup.RecordUseAsync(db, article, user.Id, user.UnitId, id, now, ct);
        }

        await transaction.CommitAsync(ct);
        return TypedResults.Ok(dto);
    }

    private static async Task<Ok<WorkOrderDto>> LinkRepeat(long id, LinkRepeatRequest request, WorkOrderCommands commands, CancellationToken ct)
    {
        var order = await commands.LoadVisibleAsync(id, ct);
        var earlier = await commands.LoadVisibleAsync(request.EarlierId ?? throw ValidationException.For("earlierId", "Choose the earlier order."), ct);
        return await Pair(commands, order, earlier, request.Version, (o, other, c) => o.LinkRepeatOf(commands.Actor, c, other), ct);
    }

    private static async Task<Ok<WorkOrderDto>> Merge(long id, MergeRequest request, WorkOrderCommands commands, CancellationToken ct)
    {
        var order = await commands.LoadVisibleAsync(id, ct);
        var target = await commands.LoadVisibleAsync(request.TargetId ?? throw ValidationException.For("targetId", "Choose the order to merge into."), ct);
        return await Pair(commands, order, target, request.Version, (o, other, c) => o.MergeInto(commands.Actor, c, other), ct);
    }

    private static async Task<Ok<WorkOrderDto>> Pair(WorkOrderCommands commands, WorkOrder order, WorkOrder other, long? version, Action<WorkOrder, WorkOrder, WorkOrderClock> act, CancellationToken ct)
    {
        var clock = commands.ClockFor(order);
        if (version is { } v)
        {
            commands.ExpectVersion(order, v);
        }

        act(order, other, clock);
        await commands.SaveAsync(order, ct, other);
        return TypedResults.Ok(await commands.DtoAsync(order, clock, ct));
    }

    /// <summary>The screen pop: a phone number's earlier work orders, newest first.</summary>
    private static async Task<Ok<CallerHistory>> CallerHistoryFor(CallerHistoryRequest request, HotlineDbContext db, CancellationToken ct)
    {
        var phone = request.Phone;
        if (string.IsNullOrWhiteSpace(phone) || phone.Trim().Length is < 3 or > 30)
        {
            throw ValidationException.For("phone", "Give the caller's phone number.");
        }

        return TypedResults.Ok(await CallerHistoryQuery.ForPhoneAsync(db, phone.Trim(), ct));
    }
}

/// <summary>A phone number's earlier work orders, newest first (the screen pop at intake, the online chat's caller).</summary>
public static class CallerHistoryQuery
{
    public static async Task<CallerHistory> ForPhoneAsync(HotlineDbContext db, string number, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Set<WorkOrder>().AsNoTracking().Where(w => w.CallerPhone == number);
        var total = await query.CountAsync(ct);
        var open = await query.CountAsync(w => StatusGroups.OpenArray.Contains(w.Status), ct);
        var items = await query.OrderByDescending(w => w.RegisteredAtUtc).ThenByDescending(w => w.Id).Take(20)
            .Select(w => new { w.Id, w.Number, w.RegisteredAtUtc, w.RequestType, w.Subject, w.Status, w.LeadUnitName })
            .ToListAsync(ct);
        return new CallerHistory(Masking.Phone(number)!, total, open,
            items.Select(i => new CallerHistoryItem(i.Id, i.Number, WorkOrderDto.Local(i.RegisteredAtUtc), i.RequestType, i.Subject, i.Status, i.LeadUnitName)).ToList());
    }
}
