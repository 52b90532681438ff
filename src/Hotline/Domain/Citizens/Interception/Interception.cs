using System.Text.Json;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Citizens.Interception;

/// <summary>
/// An internet submission stopped by an interception rule, kept as evidence for reviewers (issue 18): the rule, the
/// channel, the phone masked (and its key, to count), the client address only as a hash, the text, and the day it is
/// counted on. The whole submission is kept (as JSON, never returned) so that an agent can release a false positive into
/// the online intake queue as a normal submission, with a reason.
/// </summary>
public sealed class Interception
{
    private Interception()
    {
        MaskedPhone = PhoneKey = AddressKey = Evidence = Payload = string.Empty;
    }

    public long Id { get; private set; }

    public InterceptionRule Rule { get; private set; }

    public Channel Channel { get; private set; }

    public string MaskedPhone { get; private set; }

    public string PhoneKey { get; private set; }

    public string AddressKey { get; private set; }

    /// <summary>The text as sent (title and letter, or description and demand): evidence for reviewers only.</summary>
    public string Evidence { get; private set; }

    /// <summary>The submission as sent, to release it; never shown.</summary>
    public string Payload { get; private set; }

    public DateTime InterceptedAtUtc { get; private set; }

    /// <summary>The day in China it is counted on.</summary>
    public DateOnly Day { get; private set; }

    public DateTime? ReleasedAtUtc { get; private set; }

    public string? ReleasedByName { get; private set; }

    public string? ReleaseReason { get; private set; }

    /// <summary>The number of the submission the release made.</summary>
    public string? ReleasedAs { get; private set; }

    public long Version { get; private set; }

    public static Interception Record(InterceptionRule rule, InterceptedSubmission submission, string evidence, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(evidence);
        return new()
        {
            Rule = rule,
            Channel = submission.Channel,
            MaskedPhone = Masking.Phone(CitizenRules.NormalisePhone(submission.Phone))!,
            PhoneKey = CitizenRules.PhoneKey(submission.Phone),
            AddressKey = submission.AddressKey,
            Evidence = evidence.Length > Limits.LongText ? evidence[..Limits.LongText] : evidence,
            Payload = JsonSerializer.Serialize(submission),
            InterceptedAtUtc = nowUtc,
            Day = InterceptionRules.Day(nowUtc),
        };
    }

    public bool IsReleased => ReleasedAtUtc is not null;

    public InterceptedSubmission Submission() => JsonSerializer.Deserialize<InterceptedSubmission>(Payload)!;

    /// <summary>A reviewer finds it a false positive: the submission goes into the queue as if it had passed.</summary>
    public void Release(string reviewerName, string? reason, string releasedAs, DateTime nowUtc)
    {
        if (IsReleased)
        {
            throw new DomainException("interception.already_released", "This submission has already been released.");
        }

        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw ValidationException.For("reason", "Say why the submission is released.");
        }

        if (trimmed.Length > Limits.Reason)
        {
            throw ValidationException.For("reason", $"At most {Limits.Reason} characters.");
        }

        ReleasedAtUtc = nowUtc;
        ReleasedByName = reviewerName;
        ReleaseReason = trimmed;
        ReleasedAs = releasedAs;
    }
}

/// <summary>What an interception keeps to release the submission later: the checked content, the phone, the hash of the client address.</summary>
public sealed record InterceptedSubmission(
    SubmissionContent Content, Channel Channel, long? ChannelKeyId, string Phone, string AddressKey, LetterDetails? Letter)
{
    /// <summary>The client address as kept: a hash, never the address.</summary>
    public static string KeyOf(string clientAddress) => CitizenRules.Hash("address:" + clientAddress);
}

/// <summary>A word on the abusive-wording list, edited by administrators; matched normalised.</summary>
public sealed class InterceptionWord
{
    private InterceptionWord()
    {
        Word = Normalised = CreatedByName = string.Empty;
    }

    public long Id { get; private set; }

    public string Word { get; private set; }

    public string Normalised { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedByName { get; private set; }

    public static InterceptionWord Create(string? word, string byName, DateTime nowUtc)
    {
        var trimmed = word?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > Limits.Name)
        {
            throw ValidationException.For("word", $"Give a word of 1 to {Limits.Name} characters.");
        }

        var normal = InterceptionRules.Normalise(trimmed);
        if (normal.Length == 0)
        {
            throw ValidationException.For("word", "The word needs a letter or a digit.");
        }

        return new() { Word = trimmed, Normalised = normal, CreatedAtUtc = nowUtc, CreatedByName = byName };
    }
}
