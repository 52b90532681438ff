using Hotline.Domain.Dispatch;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Citizens;

/// <summary>What a mayor's mailbox letter adds to a submission: its title and the consent to publish the reply.</summary>
public sealed record LetterDetails(string Title, bool ConsentToPublish);

/// <summary>The mayor's mailbox's own numbers; configuration section <c>Mailbox</c> (issue 18).</summary>
public sealed class MailboxOptions
{
    public const string Section = "Mailbox";

    /// <summary>Working days to handle a letter (normal urgency): longer than a call's 5, as letters ask for a written answer.</summary>
    public int HandlingWorkingDays { get; set; } = 15;

    /// <summary>The category of a letter that names none: 政务服务, refined by the intake agent who accepts it.</summary>
    public string DefaultCategoryCode { get; set; } = "12";

    /// <summary>Published letters per page at most, and listing requests per minute from one address.</summary>
    public int ListingRequestsPerMinute { get; set; } = 30;
}

/// <summary>
/// The mayor's mailbox (市长信箱, issue 18): letters are submissions of the channel <see cref="Channel.MayorMailbox"/>
/// with a title and the consent to publish. The seeds name only the mayor's electronic mailbox (市长电子信箱) among the
/// hotline's channels, so every letter is addressed to the mayor; the centre routes it like any other submission.
/// </summary>
public static class MailboxRules
{
    public const int MinTitle = 4;

    /// <summary>The title's checks, in words the citizen understands; the rest is <see cref="SubmissionCheck"/>.</summary>
    public static LetterDetails Check(string? title, bool? consentToPublish)
    {
        var trimmed = title?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length < MinTitle)
        {
            throw ValidationException.For("title", $"请填写信件标题，至少{MinTitle}个字。");
        }

        if (trimmed.Length > Limits.ShortText)
        {
            throw ValidationException.For("title", $"信件标题最多{Limits.ShortText}个字。");
        }

        return new LetterDetails(trimmed, consentToPublish == true);
    }

    /// <summary>A letter's clock: its handling days are the mailbox's (emergencies keep theirs: at most 3 working days).</summary>
    public static Timeframes Apply(Timeframes resolved, Channel? channel, Urgency urgency, MailboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentNullException.ThrowIfNull(options);
        return channel == Channel.MayorMailbox && urgency == Urgency.Normal
            ? resolved with { HandlingWorkingDays = options.HandlingWorkingDays }
            : resolved;
    }
}

/// <summary>A letter as sent: the submission's fields, a title, the consent; category and place optional.</summary>
public sealed record LetterInput(SubmissionInput Submission, string? Title, bool? ConsentToPublish);

/// <summary>The checks of a letter (issue 18): the submission's own, with the category defaulted and the place optional.</summary>
public static class LetterCheck
{
    private const string NoRegion = "000000000";

    private const string NoAddress = "-";

    public static (SubmissionContent Content, LetterDetails Letter) Check(LetterInput input, string defaultCategoryCode, Func<string, bool> isOfferedCategory)
    {
        ArgumentNullException.ThrowIfNull(input);
        var s = input.Submission;

        // The place is optional: without a street, any free address is kept as written (or none).
        var placeless = string.IsNullOrWhiteSpace(s.RegionCode);
        var address = s.Address?.Trim() ?? string.Empty;
        var completed = s with
        {
            CategoryCode = string.IsNullOrWhiteSpace(s.CategoryCode) ? defaultCategoryCode : s.CategoryCode,
            RegionCode = placeless ? NoRegion : s.RegionCode,
            Address = placeless && address.Length == 0 ? NoAddress : s.Address,
        };
        LetterDetails? letter = null;
        var errors = new Dictionary<string, string[]>();
        try
        {
            letter = MailboxRules.Check(input.Title, input.ConsentToPublish);
        }
        catch (ValidationException e)
        {
            foreach (var (k, v) in e.Errors)
            {
                errors[k] = v;
            }
        }

        SubmissionContent? content = null;
        try
        {
            content = SubmissionCheck.Check(completed, isOfferedCategory);
        }
        catch (ValidationException e)
        {
            foreach (var (k, v) in e.Errors)
            {
                errors[k == "description" ? "letter" : k] = v;
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return (placeless ? content! with { RegionCode = string.Empty, Address = address } : content!, letter!);
    }
}
