using Hotline.Domain;
using Hotline.Domain.Dispatch;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Dispatch;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.WorkOrders;

public sealed record CallerHistoryItem(long Id, string Number, DateTimeOffset RegisteredAt, RequestType RequestType, string Subject, WorkOrderStatus Status, string? LeadUnitName);

public sealed record CallerHistory(string Phone, int Total, int OpenCount, IReadOnlyList<CallerHistoryItem> Items);

/// <summary>Intake, reading, and every action on a work order: <c>POST /api/work-orders/{id}/&lt;action&gt;</c>.</summary>
public static class WorkOrderEndpoints
{
    public static IEndpointRouteBuilder MapWorkOrders(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/work-orders").WithTags("Work orders");
        group.MapPost("/", Register).RequireAuthorization(Policies.Intake);
        group.MapGet("/", WorkOrderQueries.List).RequireAuthorization(Policies.Staff);
        group.MapGet("/search", WorkOrderSearch.Search).RequireAuthorization(Policies.Staff)
            .WithSummary("Full-text search over the work orders the caller may see (subject, events, demand, latest reply), with the list's filters.");
        group.MapGet("/{id:long}", Get).RequireAuthorization(Policies.Staff);
        group.MapGet("/{id:long}/timeline", Timeline).RequireAuthorization(Policies.Staff);
        group.MapPost("/{id:long}/reveal-caller", RevealCaller).RequireAuthorization(Policies.RevealCaller);

        group.MapPost("/{id:long}/correct", (long id, CorrectRequest r, WorkOrderCommands c, CategoryDirectory categories, CancellationToken ct) =>
        {
            var content = r.ToContent(new Validation(), forDispatch: true);
            categories.EnsureActive(content.CategoryCode);
            return Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.Correct(c.Actor, clock, content, r.Note), ct));
        }).RequireAuthorization(Policies.Intake);
        group.MapPost("/{id:long}/answer-directly", AnswerDirectly).RequireAuthorization(Policies.Intake);
        group.MapPost("/{id:long}/reject-at-intake", (long id, RejectAtIntakeRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.RejectAtIntake(c.Actor, clock, Required(r.Reason, "reason"), r.TransferredTo, r.Note), ct))).RequireAuthorization(Policies.Intake);

        group.MapPost("/{id:long}/dispatch", (long id, DispatchRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, async (o, clock) =>
                o.Dispatch(c.Actor, clock, await c.UnitAsync(r.LeadUnitId, "leadUnitId", ct), await c.UnitsAsync(r.CoUnitIds, "coUnitIds", ct), r.Note), ct)))
            .RequireAuthorization(Policies.Dispatch);
        group.MapPost("/{id:long}/send-back", (long id, SendBackRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, async (o, clock) =>
            {
                // "The knowledge base already answers" must point at an article the agent can use now.
                var article = r.Reason == SendBackReason.KnowledgeBaseAnswers ? await c.LiveArticleAsync(r.ArticleId, "articleId", ct) : null;
                o.SendBack(c.Actor, clock, Required(r.Reason, "reason"), r.Note ?? string.Empty, article?.Id ?? r.ArticleId);
            }, ct)))
            .RequireAuthorization(Policies.Dispatch);
        group.MapPost("/{id:long}/redispatch", (long id, DispatchRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, async (o, clock) =>
                o.Redispatch(c.Actor, clock, await c.UnitAsync(r.LeadUnitId, "leadUnitId", ct), await c.UnitsAsync(r.CoUnitIds, "coUnitIds", ct), r.Note), ct)))
            .RequireAuthorization(Policies.Redispatch);
        group.MapPost("/{id:long}/approve-return", (long id, ApproveReturnRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, async (o, clock) =>
                o.ApproveReturn(c.Actor, clock, r.Note, r.LeadUnitId is null ? null : await c.UnitAsync(r.LeadUnitId, "leadUnitId", ct), await c.UnitsAsync(r.CoUnitIds, "coUnitIds", ct)), ct)))
            .RequireAuthorization(Policies.Dispatch);
        group.MapPost("/{id:long}/reject-return", (long id, ReasonRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.RejectReturn(c.Actor, clock, r.Reason ?? string.Empty), ct))).RequireAuthorization(Policies.Dispatch);

        group.MapPost("/{id:long}/sign", (long id, VersionOnly? r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r?.Version, (o, clock) => o.Sign(c.Actor, clock), ct))).RequireAuthorization(Policies.Handle);
        group.MapPost("/{id:long}/return", (long id, ReturnRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, async (o, clock) =>
                o.Return(c.Actor, clock, r.Reason ?? string.Empty, r.Basis ?? string.Empty, await c.UnitAsync(r.SuggestedUnitId, "suggestedUnitId", ct)), ct)))
            .RequireAuthorization(Policies.Handle);
        group.MapPost("/{id:long}/request-extension", (long id, ExtensionRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.RequestExtension(c.Actor, clock, Required(r.Days, "days"), r.Reason ?? string.Empty), ct)))
            .RequireAuthorization(Policies.Handle);
        group.MapPost("/{id:long}/approve-extension", (long id, ApproveExtensionRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.ApproveExtension(c.Actor, clock, r.Days, r.Note), ct))).RequireAuthorization(Policies.ReviewExtension);
        group.MapPost("/{id:long}/reject-extension", (long id, ReasonRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.RejectExtension(c.Actor, clock, r.Reason ?? string.Empty), ct))).RequireAuthorization(Policies.ReviewExtension);
        group.MapPost("/{id:long}/progress-report", (long id, ProgressReportRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.ReportProgress(c.Actor, clock, r.Text ?? string.Empty, Required(r.CommittedDate, "committedDate")), ct)))
            .RequireAuthorization(Policies.Handle);
        group.MapPost("/{id:long}/co-reply", (long id, TextRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.CoReply(c.Actor, clock, r.Text ?? string.Empty), ct))).RequireAuthorization(Policies.Handle);
        group.MapPost("/{id:long}/reply", (long id, ReplyRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) =>
                o.Reply(c.Actor, clock, r.Result ?? string.Empty, Required(r.CitizenContacted, "citizenContacted"), r.ContactMethod, Required(r.Outcome, "outcome"), r.UnresolvedReason), ct)))
            .RequireAuthorization(Policies.Handle);

        group.MapPost("/{id:long}/accept-reply", (long id, AcceptReplyRequest? r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r?.Version, (o, clock) =>
            {
                if (r?.SkipCallback == true)
                {
                    o.AcceptReplyWithoutCallback(c.Actor, clock, r.Note ?? string.Empty);
                }
                else
                {
                    o.AcceptReply(c.Actor, clock, r?.Note);
                }
            }, ct))).RequireAuthorization(Policies.ReviewReply);
        group.MapPost("/{id:long}/reject-reply", (long id, ReasonRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.RejectReply(c.Actor, clock, r.Reason ?? string.Empty), ct))).RequireAuthorization(Policies.ReviewReply);
        group.MapPost("/{id:long}/callback", (long id, CallbackRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) =>
                o.Callback(c.Actor, clock, r.Method ?? ContactMethod.Phone, Required(r.Reached, "reached"), r.ProcessRating, r.ResultRating, r.Comment), ct)))
            .RequireAuthorization(Policies.Callback);
        group.MapPost("/{id:long}/redo", (long id, RedoRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, async (o, clock) =>
                o.Redo(c.Actor, clock, r.Reason ?? string.Empty, await c.UnitAsync(r.LeadUnitId ?? o.LeadUnitId, "leadUnitId", ct)), ct)))
            .RequireAuthorization(Policies.Conclude);
        group.MapPost("/{id:long}/close", (long id, CloseRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.Close(c.Actor, clock, Required(r.Reason, "reason"), r.Note), ct))).RequireAuthorization(Policies.Conclude);
        group.MapPost("/{id:long}/archive", (long id, VersionOnly? r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r?.Version, (o, clock) => o.Archive(c.Actor, clock), ct))).RequireAuthorization(Policies.Archive);
        group.MapPost("/{id:long}/remind", (long id, TextRequest r, WorkOrderCommands c, CancellationToken ct) =>
            Ok(c.ExecuteAsync(id, r.Version, (o, clock) => o.Remind(c.Actor, clock, r.Text ?? string.Empty), ct))).RequireAuthorization(Policies.Supervise);
        group.MapPost("/{id:long}/link-repeat", LinkRepeat).RequireAuthorization(Policies.Repeats);
        group.MapPost("/{id:long}/merge", Merge).RequireAuthorization(Policies.Merge);

        app.MapGet("/api/callers/history", CallerHistoryFor).WithTags("Work orders").RequireAuthorization(Policies.Intake);
        return app;
    }

    private static async Task<Ok<WorkOrderDto>> Ok(Task<WorkOrderDto> result) => TypedResults.Ok(await result);

    private static T Required<T>(T? value, string field)
        where T : struct =>
        value ?? throw ValidationException.For(field, "This field is required.");

    private static async Task<Created<WorkOrderDto>> Register(
        RegisterRequest request, HotlineDbContext db, CurrentUser user, WorkOrderClocks clocks, WorkOrderNumbers numbers, CategoryDirectory categories,
        WorkOrderCommands commands, CancellationToken ct)
    {
        var validation = new Validation();
        var outcome = request.Outcome;
        validation.Require(outcome?.Kind is not null, "outcome.kind", "Choose the outcome: dispatch, answerDirectly, threeWayCall or reject.");
        var content = request.ToContent(validation, forDispatch: outcome?.Kind == IntakeOutcomeKind.Dispatch);
        categories.EnsureActive(content.CategoryCode);
        var actor = commands.Actor;
        var clock = clocks.For(content.RequestType, content.CategoryCode, content.Urgency);
        var number = await numbers.NextAsync(clock.Now, ct);
        var order = outcome!.Kind!.Value switch
        {
            IntakeOutcomeKind.Dispatch => WorkOrder.Register(number, content, actor, clock, outcome.ProposedUnitId),
            IntakeOutcomeKind.AnswerDirectly => WorkOrder.RegisterAnswered(number, content, actor, clock, outcome.Answer ?? string.Empty, outcome.ArticleId),
            IntakeOutcomeKind.ThreeWayCall => WorkOrder.RegisterThreeWayCall(number, content, actor, clock, await commands.UnitAsync(outcome.UnitId, "outcome.unitId", ct), outcome.Result ?? string.Empty),
            IntakeOutcomeKind.Reject => WorkOrder.RegisterRejected(number, content, actor, clock, Required(outcome.Reason, "outcome.reason"), outcome.TransferredTo, outcome.Note),
        };
        db.Set<WorkOrder>().Add(order);
        await commands.SaveAsync(order, ct);
        return TypedResults.Created($"/api/work-orders/{order.Id}", WorkOrderDto.From(order, actor, clock.Calendar, clock.Now));
    }

    /// <summary>
    /// After a send-back (often "the knowledge base already answers"), the agent answers and the order closes. The article
    /// answered with (given, or the one the dispatcher linked) has its use recorded in the same transaction, so the
    /// client does not call <c>/api/knowledge/articles/{id}/used</c> for it.
    /// </summary>
    private static async Task<Ok<WorkOrderDto>> AnswerDirectly(
        long id, AnswerRequest request, WorkOrderCommands commands, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        await commands.LoadVisibleAsync(id, ct);
        var given = request.ArticleId is null ? null : await commands.LiveArticleAsync(request.ArticleId, "articleId", ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        long? used = null;
        var dto = await commands.ExecuteAsync(id, request.Version, (o, clock) =>
        {
            o.AnswerDirectly(commands.Actor, clock, request.Answer ?? string.Empty, given?.Id);
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

    private static async Task<Ok<WorkOrderDto>> Get(long id, WorkOrderCommands commands, WorkOrderClocks clocks, CancellationToken ct)
    {
        var order = await commands.LoadVisibleAsync(id, ct);
        return TypedResults.Ok(WorkOrderDto.From(order, commands.Actor, clocks.Calendar, clocks.Now));
    }

    private static async Task<Ok<List<TimelineEntry>>> Timeline(long id, WorkOrderCommands commands, HotlineDbContext db, CancellationToken ct)
    {
        await commands.LoadVisibleAsync(id, ct);
        var events = await db.Set<WorkOrderEvent>().AsNoTracking().Where(e => e.WorkOrderId == id).OrderBy(e => e.Id).ToListAsync(ct);
        return TypedResults.Ok(events.Select(e => new TimelineEntry(
            e.Id, WorkOrderDto.Local(e.AtUtc), WorkOrderDto.ActionName(e.Action), e.ActorName, e.ActorRoles, e.ActorUnitName, e.Reason, e.FromStatus, e.ToStatus, e.Details)).ToList());
    }

    public sealed record RevealRequest(string? Reason);

    /// <summary>Shows the caller's name and phone to an allowed role, and records that it did (S13).</summary>
    private static async Task<Ok<CallerView>> RevealCaller(long id, RevealRequest request, WorkOrderCommands commands, WorkOrderClocks clocks, CancellationToken ct)
    {
        var order = await commands.LoadVisibleAsync(id, ct);
        var caller = order.RevealCaller(commands.Actor, clocks.For(order), request.Reason ?? string.Empty);
        await commands.SaveAsync(order, ct);
        return TypedResults.Ok(CallerView.Revealed(caller));
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
        return TypedResults.Ok(WorkOrderDto.From(order, commands.Actor, clock.Calendar, clock.Now));
    }

    /// <summary>The screen pop: a phone number's earlier work orders, newest first.</summary>
    private static async Task<Ok<CallerHistory>> CallerHistoryFor(string? phone, HotlineDbContext db, WorkOrderClocks clocks, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(phone) || phone.Trim().Length is < 3 or > 30)
        {
            throw ValidationException.For("phone", "Give the caller's phone number.");
        }

        var number = phone.Trim();
        var query = db.Set<WorkOrder>().AsNoTracking().Where(w => w.CallerPhone == number);
        var total = await query.CountAsync(ct);
        var open = await query.CountAsync(w => StatusGroups.OpenArray.Contains(w.Status), ct);
        var items = await query.OrderByDescending(w => w.RegisteredAtUtc).ThenByDescending(w => w.Id).Take(20)
            .Select(w => new { w.Id, w.Number, w.RegisteredAtUtc, w.RequestType, w.Subject, w.Status, w.LeadUnitName })
            .ToListAsync(ct);
        return TypedResults.Ok(new CallerHistory(Masking.Phone(number)!, total, open,
            items.Select(i => new CallerHistoryItem(i.Id, i.Number, WorkOrderDto.Local(i.RegisteredAtUtc), i.RequestType, i.Subject, i.Status, i.LeadUnitName)).ToList()));
    }
}
