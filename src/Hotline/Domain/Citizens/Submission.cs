using System.Globalization;
using System.Security.Cryptography;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Citizens;

public enum SubmissionState
{
    /// <summary>In the online intake queue, waiting for an intake agent.</summary>
    Queued,

    /// <summary>Accepted into a work order (whose own outcome may still be "not accepted" with a coded reason).</summary>
    Accepted,

    /// <summary>Refused by the intake agent with a coded reason and a message to the citizen; no work order.</summary>
    Refused,
}

/// <summary>What a citizen sends through an internet channel, checked (issue 18).</summary>
public sealed record SubmissionContent(
    RequestType RequestType, string CategoryCode, string RegionCode, string Address, double? Latitude, double? Longitude,
    string Description, string? Demand, string? CitizenName, bool IsAnonymous, bool IsConfidential);

/// <summary>
/// A request sent by a citizen through the app, the mini-program or the web (issue 18, S2). It does not become a work
/// order by itself: it waits in the online intake queue until an intake agent accepts it (through the registration
/// path, so every S3 outcome follows) or refuses it with a coded reason and a message. It has a number of its own,
/// which the citizen tracks with the verified phone.
/// </summary>
public sealed class Submission
{
    private Submission()
    {
        Number = Phone = PhoneKey = CategoryCode = RegionCode = Address = Description = string.Empty;
    }

    public long Id { get; private set; }

    public string Number { get; private set; }

    public Channel Channel { get; private set; }

    public long? ChannelKeyId { get; private set; }

    /// <summary>The verified phone: shown to the centre as any caller's, never to the citizen's channel beyond its own.</summary>
    public string Phone { get; private set; }

    public string PhoneKey { get; private set; }

    public string? CitizenName { get; private set; }

    public RequestType RequestType { get; private set; }

    public string CategoryCode { get; private set; }

    public string RegionCode { get; private set; }

    public string Address { get; private set; }

    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    public string Description { get; private set; }

    public string? Demand { get; private set; }

    public bool IsAnonymous { get; private set; }

    public bool IsConfidential { get; private set; }

    public SubmissionState State { get; private set; }

    public DateTime SubmittedAtUtc { get; private set; }

    public DateTime? DecidedAtUtc { get; private set; }

    public long? DecidedByUserId { get; private set; }

    public string? DecidedByName { get; private set; }

    public RejectionReason? RefusalReason { get; private set; }

    /// <summary>What the citizen is told with a refusal (for statutory routes, where to go).</summary>
    public string? RefusalMessage { get; private set; }

    public long? WorkOrderId { get; private set; }

    public string? WorkOrderNumber { get; private set; }

    public long Version { get; private set; }

    /// <summary>A mayor's mailbox letter's title (issue 18); null for other submissions.</summary>
    public string? Title { get; private set; }

    /// <summary>The citizen agreed that the reply to the letter may be published (without personal data).</summary>
    public bool ConsentToPublish { get; private set; }

    /// <summary>The sending client address's hash: floods and resubmissions are counted per address as per phone.</summary>
    public string? AddressKey { get; private set; }

    /// <summary>The normalised text's hash (<see cref="Interception.InterceptionRules.TextHash"/>): a resubmission is the same hash.</summary>
    public string? TextHash { get; private set; }

    public bool IsLetter => Channel == Channel.MayorMailbox;

    /// <summary>The text the interception rules read: a letter's title, the description, the demand.</summary>
    public static string TextOf(SubmissionContent content, LetterDetails? letter) =>
        string.Join('\n', new[] { letter?.Title, content?.Description, content?.Demand }.Where(t => !string.IsNullOrEmpty(t)));

    /// <summary>Where it came from and what it said, kept to judge the next submissions (issue 18, interception).</summary>
    public void Fingerprint(string addressKey, string textHash, LetterDetails? letter)
    {
        AddressKey = addressKey;
        TextHash = textHash;
        if (letter is not null)
        {
            Title = letter.Title;
            ConsentToPublish = letter.ConsentToPublish;
        }
    }

    public static Submission Create(SubmissionContent content, Channel channel, long? channelKeyId, string verifiedPhone, DateTime nowUtc) => new()
    {
        Number = NewNumber(nowUtc),
        Channel = channel,
        ChannelKeyId = channelKeyId,
        Phone = CitizenRules.NormalisePhone(verifiedPhone),
        PhoneKey = CitizenRules.PhoneKey(verifiedPhone),
        CitizenName = content.CitizenName,
        RequestType = content.RequestType,
        CategoryCode = content.CategoryCode,
        RegionCode = content.RegionCode,
        Address = content.Address,
        Latitude = content.Latitude,
        Longitude = content.Longitude,
        Description = content.Description,
        Demand = content.Demand,
        IsAnonymous = content.IsAnonymous,
        IsConfidential = content.IsConfidential,
        State = SubmissionState.Queued,
        SubmittedAtUtc = nowUtc,
    };

    /// <summary>Whether the verified phone is this submission's: another phone is told the number does not exist.</summary>
    public bool BelongsTo(string verifiedPhone) => CitizenRules.SameHash(PhoneKey, CitizenRules.PhoneKey(verifiedPhone));

    /// <summary>An intake agent takes the submission to register it; a second agent is refused (409).</summary>
    public void Accept(long userId, string userName, DateTime nowUtc)
    {
        RequireQueued();
        State = SubmissionState.Accepted;
        DecidedAtUtc = nowUtc;
        DecidedByUserId = userId;
        DecidedByName = userName;
    }

    /// <summary>The registration was refused (a field to correct): the submission goes back to the queue.</summary>
    public void ReturnToQueue()
    {
        if (State != SubmissionState.Accepted || WorkOrderId is not null)
        {
            throw new InvalidOperationException("Only an accepted submission without its work order returns to the queue.");
        }

        State = SubmissionState.Queued;
        DecidedAtUtc = null;
        DecidedByUserId = null;
        DecidedByName = null;
    }

    public void RegisteredAs(long workOrderId, string workOrderNumber)
    {
        if (State != SubmissionState.Accepted)
        {
            throw new InvalidOperationException("A work order is linked to an accepted submission.");
        }

        WorkOrderId = workOrderId;
        WorkOrderNumber = workOrderNumber;
    }

    public void Refuse(long userId, string userName, RejectionReason? reason, string? message, DateTime nowUtc)
    {
        RequireQueued();
        if (reason is null)
        {
            throw ValidationException.For("reason", "Choose the coded reason.");
        }

        if (message is { Length: > Limits.Reason })
        {
            throw ValidationException.For("message", $"At most {Limits.Reason} characters.");
        }

        State = SubmissionState.Refused;
        RefusalReason = reason;
        RefusalMessage = string.IsNullOrWhiteSpace(message) ? RefusalTexts.For(reason.Value) : message.Trim();
        DecidedAtUtc = nowUtc;
        DecidedByUserId = userId;
        DecidedByName = userName;
    }

    private void RequireQueued()
    {
        if (State != SubmissionState.Queued)
        {
            throw new DomainException("submission.already_decided", "Another agent has already taken this submission.");
        }
    }

    /// <summary>"W" + the date in China + ten random digits: unique by index (a rare repeat is drawn again), and not worth guessing.</summary>
    private static string NewNumber(DateTime nowUtc) => string.Create(CultureInfo.InvariantCulture,
        $"W{Calendar.ChinaTime.LocalDate(new DateTimeOffset(nowUtc, TimeSpan.Zero)):yyyyMMdd}{RandomNumberGenerator.GetInt32(0, 100_000):D5}{RandomNumberGenerator.GetInt32(0, 100_000):D5}");
}

/// <summary>What a citizen is told when a submission is refused, by coded reason (S3: for statutory routes, where to go).</summary>
public static class RefusalTexts
{
    public static string For(RejectionReason reason) => reason switch
    {
        RejectionReason.Emergency => "您反映的事项属于紧急情况，请立即拨打110、119、120或122。",
        RejectionReason.StatutoryRoute => "您反映的事项属于诉讼、仲裁、行政复议、信访、纪检监察或政府信息公开范围，请通过相应法定途径办理。",
        RejectionReason.OutsideAdministrativePower => "您反映的事项不属于行政职权范围（如民事纠纷或司法、军队事务），请通过调解或司法途径解决。",
        RejectionReason.SecretsOrPublicOrder => "您反映的内容涉及国家秘密、商业秘密、个人隐私或违背公序良俗，热线不予受理。",
        RejectionReason.AlreadyHandled => "您反映的事项已依法处理，且无新的事实和理由，热线不再重复受理。",
        RejectionReason.MediationExhausted => "您反映的事项经多次调解未果，建议通过司法途径解决。",
        RejectionReason.AbuseOrNoContent => "您提交的内容无实质诉求，热线不予受理。",
        RejectionReason.ProcedureNotEnded => "您反映的事项正在原有法定程序中办理，请继续通过原途径反映。",
    };
}
