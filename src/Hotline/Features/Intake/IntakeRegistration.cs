using Hotline.Domain.WorkOrders;
using Hotline.Features.Dispatch;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Web;
using static Hotline.Features.WorkOrders.WorkOrderRoutes;

namespace Hotline.Features.Intake;

/// <summary>
/// The registration path (S3): validate the request, take a number, call the domain's registration verb for the chosen
/// outcome once, and hand the aggregate to the group-commit writer (with uploads to claim, saved with their claim in one transaction). <c>POST /api/work-orders</c> and the online intake
/// queue (issue 18: a citizen's submission accepted into a work order) both register through it.
/// </summary>
public sealed class IntakeRegistration(
    WorkOrderClocks clocks, WorkOrderNumbers numbers, CategoryDirectory categories, WorkOrderCommands commands,
    RegistrationWriter writer, Callback.CallbackPolicy callbackPolicy, Emergencies.DutyRosterLookup roster, Attachments.UploadClaims uploads)
{
    public async Task<(WorkOrder Order, WorkOrderClock Clock)> RegisterAsync(RegisterRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var validation = new Validation();
        var outcome = request.Outcome;
        validation.Require(outcome?.Kind is not null, "outcome.kind", "Choose the outcome: dispatch, answerDirectly, handleDirectly, threeWayCall or reject.");
        validation.Require(request.RaiseEmergency != true || outcome?.Kind is null or IntakeOutcomeKind.Dispatch, "raiseEmergency", "An emergency is raised only with a dispatch.");
        var content = request.ToContent(validation, forDispatch: outcome?.Kind == IntakeOutcomeKind.Dispatch, await uploads.ResolveAsync(request.AttachmentIds, ct));
        categories.EnsureActive(content.CategoryCode);
        var actor = commands.Actor;
        var clock = clocks.For(content.RequestType, content.CategoryCode, content.Urgency, content.Channel);
        var kind = outcome!.Kind!.Value;
        var threeWayUnit = kind == IntakeOutcomeKind.ThreeWayCall ? await commands.UnitAsync(outcome.UnitId, "outcome.unitId", ct) : null;
        var rejection = kind == IntakeOutcomeKind.Reject ? Required(outcome.Reason, "outcome.reason") : default;
        var number = await numbers.NextAsync(clock.Now, ct);
        // The domain's registration verb runs once, here: a refused registration is answered without queueing, and the
        // writer saves the aggregate it built.
        var order = kind switch
        {
            IntakeOutcomeKind.Dispatch => WorkOrder.Register(number, content, actor, clock, outcome.ProposedUnitId),
            IntakeOutcomeKind.AnswerDirectly => WorkOrder.RegisterAnswered(
                number, content, actor, clock, outcome.Answer ?? string.Empty, outcome.ArticleId, callbackPolicy.PicksAtIntake(number, content.Caller, content.CitizenWantsCallback)),
            IntakeOutcomeKind.HandleDirectly => WorkOrder.RegisterHandledDirectly(
                number, content, actor, clock, outcome.CentreAction ?? string.Empty, callbackPolicy.PicksAtIntake(number, content.Caller, content.CitizenWantsCallback)),
            IntakeOutcomeKind.ThreeWayCall => WorkOrder.RegisterThreeWayCall(number, content, actor, clock, threeWayUnit!, outcome.Result ?? string.Empty),
            IntakeOutcomeKind.Reject => WorkOrder.RegisterRejected(number, content, actor, clock, rejection, outcome.TransferredTo, outcome.Note),
        };
        if (!string.IsNullOrWhiteSpace(request.OneGoNotice))
        {
            order.TellInOneGo(actor, clock, request.OneGoNotice);
        }

        if (request.RaiseEmergency == true)
        {
            order.RaiseEmergency(actor, clock, await roster.OnDutyAsync(clock.UtcNow, ct), null);
        }

        if (order.Attachments.Count > 0)
        {
            await uploads.SaveNewAsync(order, ct); // issue 18: with the claim of its uploads, in one transaction
        }
        else
        {
            await writer.WriteAsync(order, ct);
        }

        return (order, clock);
    }
}
