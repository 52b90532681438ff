namespace Hotline.Domain.CitizenMessages;

/// <summary>What a message to a citizen is about; issue 18 adds its one-time codes here.</summary>
public enum CitizenMessageKind
{
    /// <summary>S3: the caller is told that the request has been dispatched, with the order number and the unit.</summary>
    Dispatched,

    // Issue 18, the citizens' own channels.

    /// <summary>A one-time code: sent at once, never kept in the outbox (the code would lie there in plain text).</summary>
    OneTimeCode,

    /// <summary>An online submission was received, with its number.</summary>
    SubmissionReceived,

    /// <summary>An online submission was accepted into a work order, with the order's number.</summary>
    SubmissionAccepted,

    /// <summary>An online submission was refused, with the reason.</summary>
    SubmissionRefused,

    /// <summary>The reply was accepted by the centre: a phone caller who asked for a reply reads it online (the link).</summary>
    Replied,

    /// <summary>The reply was accepted and the order awaits the callback: an online submitter reads it and rates online (the link).</summary>
    CallbackLink,
}

public enum CitizenMessageState
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// A message to a citizen in the outbox (SMS in production): written in the transaction that decides it, sent later by
/// <c>CitizenMessageJob</c> through <c>ICitizenMessageSender</c>, retried a few times, then marked failed.
/// </summary>
public sealed class CitizenMessage
{
    /// <summary>Attempts before a message is given up as failed.</summary>
    public const int MaxAttempts = 5;

    private CitizenMessage()
    {
        Recipient = Text = string.Empty;
    }

    public long Id { get; private set; }

    public CitizenMessageKind Kind { get; private set; }

    /// <summary>The phone number; never logged or shown unmasked.</summary>
    public string Recipient { get; private set; }

    public string Text { get; private set; }

    public long? WorkOrderId { get; private set; }

    /// <summary>The timeline entry that asked for the message: a follower that reads it again writes nothing twice.</summary>
    public long? SourceEventId { get; private set; }

    public CitizenMessageState State { get; private set; }

    public int Attempts { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? SentAtUtc { get; private set; }

    public string? LastError { get; private set; }

    public static CitizenMessage Create(CitizenMessageKind kind, string recipient, string text, long? workOrderId, long? sourceEventId, DateTime nowUtc) => new()
    {
        Kind = kind,
        Recipient = recipient,
        Text = text,
        WorkOrderId = workOrderId,
        SourceEventId = sourceEventId,
        State = CitizenMessageState.Pending,
        CreatedAtUtc = nowUtc,
    };

    public void Sent(DateTime nowUtc)
    {
        State = CitizenMessageState.Sent;
        Attempts++;
        SentAtUtc = nowUtc;
        LastError = null;
    }

    public void AttemptFailed(string error)
    {
        Attempts++;
        LastError = error.Length > Limits.Reason ? error[..Limits.Reason] : error;
        if (Attempts >= MaxAttempts)
        {
            State = CitizenMessageState.Failed;
        }
    }
}
