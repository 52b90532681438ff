using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Citizens;

/// <summary>Where a citizen's request stands, in the citizen's words (issue 18).</summary>
public enum CitizenStage
{
    /// <summary>Received, in the online intake queue.</summary>
    Queued,

    /// <summary>Refused at the queue, with the reason and where to go.</summary>
    Refused,

    /// <summary>Registered as a work order, not yet with a unit.</summary>
    Accepted,

    /// <summary>Registered, then not accepted with a coded reason (S3).</summary>
    NotAccepted,

    Dispatched,

    /// <summary>The unit is handling it (its reply not yet reviewed counts here too).</summary>
    InHand,

    /// <summary>Replied: the answer is shown, and the citizen may rate it.</summary>
    Replied,

    Closed,
}

/// <summary>One step the citizen sees, with its date.</summary>
public sealed record CitizenStep(CitizenStage Stage, DateTime AtUtc);

/// <summary>
/// The citizen-safe progress of a submission: the stage, the dated steps, the answer meant for the citizen
/// (<see cref="WorkOrder.AnswerToCitizen"/> once the centre accepted the reply, or the answer given at intake), the
/// refusal's reason and message, and whether it can be rated now. Nothing else of the order: no internal notes, no
/// staff or unit names, no caller data.
/// </summary>
public sealed record CitizenProgress(
    string Number, CitizenStage Stage, DateTime SubmittedAtUtc, IReadOnlyList<CitizenStep> Steps, string? WorkOrderNumber,
    RejectionReason? Reason, string? Message, string? Answer, bool CanRate)
{
    public static CitizenProgress Of(Submission submission, WorkOrder? order)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var steps = new List<CitizenStep> { new(CitizenStage.Queued, submission.SubmittedAtUtc) };
        if (submission.State == SubmissionState.Refused)
        {
            steps.Add(new CitizenStep(CitizenStage.Refused, submission.DecidedAtUtc ?? submission.SubmittedAtUtc));
            return new CitizenProgress(submission.Number, CitizenStage.Refused, submission.SubmittedAtUtc, steps, null, submission.RefusalReason, submission.RefusalMessage, null, false);
        }

        if (order is null)
        {
            return new CitizenProgress(submission.Number, CitizenStage.Queued, submission.SubmittedAtUtc, steps, null, null, null, null, false);
        }

        return OfOrder(submission.Number, submission.SubmittedAtUtc, steps, order);
    }

    /// <summary>The progress of an order registered by staff for the citizen's phone (no submission): it starts registered.</summary>
    public static CitizenProgress Of(WorkOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return OfOrder(order.Number, order.RegisteredAtUtc, [], order);
    }

    private static CitizenProgress OfOrder(string number, DateTime submittedAtUtc, List<CitizenStep> steps, WorkOrder order)
    {
        steps.Add(new CitizenStep(CitizenStage.Accepted, order.RegisteredAtUtc));
        var stage = StageOf(order.Status);
        if (stage == CitizenStage.NotAccepted)
        {
            steps.Add(new CitizenStep(CitizenStage.NotAccepted, order.RegisteredAtUtc));
            var reason = order.Resolution?.RejectionReason;
            return new CitizenProgress(number, stage, submittedAtUtc, steps, order.Number, reason, reason is { } r ? RefusalTexts.For(r) : null, null, false);
        }

        Add(steps, CitizenStage.Dispatched, order.DispatchedAtUtc);
        Add(steps, CitizenStage.InHand, order.SignedAtUtc);
        var answer = AnswerOf(order);
        if (answer is not null && stage is CitizenStage.Replied or CitizenStage.Closed && order.Resolution is null)
        {
            Add(steps, CitizenStage.Replied, order.CurrentReply?.AtUtc);
        }

        Add(steps, CitizenStage.Closed, stage == CitizenStage.Closed ? order.ClosedAtUtc ?? order.ArchivedAtUtc : null);
        return new CitizenProgress(number, stage, submittedAtUtc, steps, order.Number, null, null, answer, MayRateOnline(order));
    }

    /// <summary>The stage a citizen sees for the order's status.</summary>
    public static CitizenStage StageOf(WorkOrderStatus status) => status switch
    {
        WorkOrderStatus.AwaitingDispatch or WorkOrderStatus.SentBackToIntake or WorkOrderStatus.HardCase => CitizenStage.Accepted,
        WorkOrderStatus.Dispatched or WorkOrderStatus.Returned or WorkOrderStatus.InArbitration => CitizenStage.Dispatched,
        WorkOrderStatus.InProgress or WorkOrderStatus.Replied => CitizenStage.InHand,
        WorkOrderStatus.AwaitingCallback => CitizenStage.Replied,
        WorkOrderStatus.Closed or WorkOrderStatus.Archived => CitizenStage.Closed,
        WorkOrderStatus.NotAccepted => CitizenStage.NotAccepted,
    };

    /// <summary>
    /// Whether the citizen may rate online now (S6's online callback): the order awaits its callback and no unsatisfied
    /// callback is waiting for the centre's redo-or-close decision.
    /// </summary>
    public static bool MayRateOnline(WorkOrder order) =>
        order.Status == WorkOrderStatus.AwaitingCallback && !order.CallbackUnsatisfied && !order.CallbackUnitFailedToAct;

    /// <summary>The answer meant for the citizen: the one given at intake, or the reply once the centre accepted it.</summary>
    private static string? AnswerOf(WorkOrder order) =>
        order.Resolution?.Answer ?? order.Resolution?.CentreAction
        ?? (order.Status is WorkOrderStatus.AwaitingCallback or WorkOrderStatus.Closed or WorkOrderStatus.Archived ? order.AnswerToCitizen : null);

    private static void Add(List<CitizenStep> steps, CitizenStage stage, DateTime? at)
    {
        if (at is { } value)
        {
            steps.Add(new CitizenStep(stage, value));
        }
    }
}
