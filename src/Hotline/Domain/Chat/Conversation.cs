namespace Hotline.Domain.Chat;

/// <summary>Where a conversation stands: with the assistant, waiting for an agent, with an agent, or closed.</summary>
public enum ConversationState
{
    Assistant,
    Queued,
    WithAgent,
    Closed,
}

/// <summary>Why the assistant handed a conversation to a person: the citizen asked, or it had no confident answer.</summary>
public enum HandoverReason
{
    Requested,
    NotConfident,
}

/// <summary>Who or what ended a conversation: the citizen, the agent, or the idle sweep after nobody wrote for a while.</summary>
public enum ConversationCloseReason
{
    Citizen,
    Agent,
    Idle,
}

/// <summary>
/// One online customer-service conversation (在线客服, issue 18): the intelligent assistant answers first; on hand-over
/// the citizen's verified phone joins it and it waits in the queue until an agent takes it; the agent may turn it into a
/// work order and closes it. Whether it was handed over, and why, stays on the row for the hand-over rate.
/// </summary>
public sealed class Conversation
{
    private Conversation()
    {
    }

    public long Id { get; private set; }

    public ConversationState State { get; private set; }

    public DateTime StartedAtUtc { get; private set; }

    public DateTime LastActivityAtUtc { get; private set; }

    /// <summary>The verified phone, from the citizen token at hand-over (null while only the assistant talks).</summary>
    public string? Phone { get; private set; }

    public HandoverReason? HandoverReason { get; private set; }

    /// <summary>When the hand-over was asked (the reason's moment); <see cref="QueuedAtUtc"/> once a verified phone joined.</summary>
    public DateTime? HandoverAtUtc { get; private set; }

    public DateTime? QueuedAtUtc { get; private set; }

    public long? AgentUserId { get; private set; }

    public string? AgentName { get; private set; }

    public DateTime? TakenAtUtc { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    public ConversationCloseReason? CloseReason { get; private set; }

    /// <summary>
    /// When an agent claimed the conversation to turn it into a work order: set (under the version check) before the
    /// registration runs, cleared when the order is linked or the registration failed, so one conversation makes one order.
    /// </summary>
    public DateTime? RegistrationClaimedAtUtc { get; private set; }

    public long? WorkOrderId { get; private set; }

    public string? WorkOrderNumber { get; private set; }

    public long Version { get; private set; }

    public static Conversation Start(DateTime nowUtc) => new()
    {
        State = ConversationState.Assistant,
        StartedAtUtc = nowUtc,
        LastActivityAtUtc = nowUtc,
    };

    public bool IsOpen => State != ConversationState.Closed;

    /// <summary>Only an open conversation takes messages (a message is appended to the transcript, not a change of this row).</summary>
    public void RequireOpen() => Require(IsOpen, "chat.closed", "The conversation is closed; start a new one.");

    /// <summary>Records that the conversation is to go to a person, and why (the first reason stays).</summary>
    public void AskForPerson(HandoverReason reason, DateTime nowUtc)
    {
        Require(IsOpen, "chat.closed", "The conversation is closed; start a new one.");
        if (HandoverReason is null)
        {
            HandoverReason = reason;
            HandoverAtUtc = nowUtc;
        }
    }

    /// <summary>Hands over to the agents' queue with the citizen's verified phone.</summary>
    public void HandOver(HandoverReason reason, string verifiedPhone, DateTime nowUtc)
    {
        Require(State == ConversationState.Assistant, "chat.already_handed_over", "The conversation is already with the agents.");
        ArgumentException.ThrowIfNullOrWhiteSpace(verifiedPhone);
        AskForPerson(reason, nowUtc);
        Phone = verifiedPhone;
        State = ConversationState.Queued;
        QueuedAtUtc = nowUtc;
        LastActivityAtUtc = nowUtc;
    }

    /// <summary>An agent takes the conversation from the queue.</summary>
    public void Take(long agentUserId, string agentName, DateTime nowUtc)
    {
        Require(State == ConversationState.Queued, "chat.not_queued", "The conversation is not waiting in the queue.");
        State = ConversationState.WithAgent;
        AgentUserId = agentUserId;
        AgentName = agentName;
        TakenAtUtc = nowUtc;
        LastActivityAtUtc = nowUtc;
    }

    /// <summary>Only the agent who took it acts on the conversation.</summary>
    public bool IsWith(long agentUserId) => AgentUserId == agentUserId;

    public void RequireWithAgent(long agentUserId)
    {
        if (!IsWith(agentUserId))
        {
            throw new NotFoundException("chat.not_found", "No such conversation.");
        }

        Require(State == ConversationState.WithAgent, "chat.not_with_agent", "The conversation is not open with you.");
    }

    /// <summary>
    /// The agent claims the conversation for a registration, before the order is made: a second claim (another agent, a
    /// second click) is refused while the first runs or once the order exists. A claim left by a registration that never
    /// finished (the node stopped) lapses after <see cref="ChatRules.RegistrationClaimLifetime"/>.
    /// </summary>
    public void ClaimForRegistration(long agentUserId, DateTime nowUtc)
    {
        RequireWithAgent(agentUserId);
        Require(WorkOrderId is null, "chat.already_registered", "The conversation is already a work order.");
        Require(
            RegistrationClaimedAtUtc is not { } claimed || nowUtc - claimed >= ChatRules.RegistrationClaimLifetime,
            "chat.registering", "The conversation is being turned into a work order.");
        RegistrationClaimedAtUtc = nowUtc;
        LastActivityAtUtc = nowUtc;
    }

    /// <summary>The registration failed: the conversation may be registered again.</summary>
    public void ReleaseRegistration() => RegistrationClaimedAtUtc = null;

    /// <summary>The conversation became a work order (once), after its claim.</summary>
    public void RegisteredAs(long workOrderId, string workOrderNumber)
    {
        Require(WorkOrderId is null, "chat.already_registered", "The conversation is already a work order.");
        Require(RegistrationClaimedAtUtc is not null, "chat.not_claimed", "Claim the conversation before registering it.");
        WorkOrderId = workOrderId;
        WorkOrderNumber = workOrderNumber;
        RegistrationClaimedAtUtc = null;
    }

    public void Close(ConversationCloseReason reason, DateTime nowUtc)
    {
        Require(IsOpen, "chat.closed", "The conversation is already closed.");
        State = ConversationState.Closed;
        CloseReason = reason;
        ClosedAtUtc = nowUtc;
        LastActivityAtUtc = nowUtc;
    }

    /// <summary>
    /// Whether the idle sweep closes it now: open, not waiting in the queue (the wait is the centre's, not the citizen's),
    /// not being registered, and nobody wrote since <paramref name="lastLineAtUtc"/> (the transcript's last line, or the
    /// row's own last change when later) for <paramref name="idleTimeout"/>.
    /// </summary>
    public bool IsIdle(DateTime? lastLineAtUtc, DateTime nowUtc, TimeSpan idleTimeout)
    {
        if (State is ConversationState.Closed or ConversationState.Queued
            || (RegistrationClaimedAtUtc is { } claimed && nowUtc - claimed < ChatRules.RegistrationClaimLifetime))
        {
            return false;
        }

        var last = lastLineAtUtc is { } line && line > LastActivityAtUtc ? line : LastActivityAtUtc;
        return nowUtc - last >= idleTimeout;
    }

    private static void Require(bool condition, string code, string message)
    {
        if (!condition)
        {
            throw new DomainException(code, message);
        }
    }
}
