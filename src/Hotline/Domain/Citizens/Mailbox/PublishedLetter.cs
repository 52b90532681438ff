namespace Hotline.Domain.Citizens;

/// <summary>
/// A mayor's mailbox letter published with its reply (issue 18): only with the citizen's consent, only once the order is
/// closed with a reply, and the texts are the publisher's edit of the letter and the reply with personal data removed
/// (<see cref="PersonalData"/>). Unpublishing hides it from the public listing; publishing again shows it again.
/// </summary>
public sealed class PublishedLetter
{
    private PublishedLetter()
    {
        SubmissionNumber = Title = Letter = Reply = PublishedByName = string.Empty;
    }

    public long Id { get; private set; }

    public long SubmissionId { get; private set; }

    public string SubmissionNumber { get; private set; }

    public long WorkOrderId { get; private set; }

    public string CategoryCode { get; private set; } = string.Empty;

    public string Title { get; private set; }

    public string Letter { get; private set; }

    public string Reply { get; private set; }

    public DateTime WrittenAtUtc { get; private set; }

    public DateTime RepliedAtUtc { get; private set; }

    public DateTime PublishedAtUtc { get; private set; }

    public string PublishedByName { get; private set; }

    public DateTime? UnpublishedAtUtc { get; private set; }

    public string? UnpublishedByName { get; private set; }

    public long Version { get; private set; }

    public bool IsPublished => UnpublishedAtUtc is null;

    /// <summary>Publishes a letter: refused without consent, or before the order is closed with a reply.</summary>
    public static PublishedLetter Publish(Submission letter, string categoryCode, DateTime? closedWithReplyAtUtc, LetterText text, string byName, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(letter);
        ArgumentNullException.ThrowIfNull(text);
        RequirePublishable(letter, closedWithReplyAtUtc);
        var published = new PublishedLetter
        {
            SubmissionId = letter.Id,
            SubmissionNumber = letter.Number,
            WorkOrderId = letter.WorkOrderId!.Value,
            CategoryCode = categoryCode,
            WrittenAtUtc = letter.SubmittedAtUtc,
            RepliedAtUtc = closedWithReplyAtUtc!.Value,
        };
        published.Edit(text, byName, nowUtc);
        return published;
    }

    /// <summary>Publishes again (after an unpublish) with the publisher's new edit.</summary>
    public void Republish(LetterText text, string byName, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(text);
        Edit(text, byName, nowUtc);
    }

    public void Unpublish(string byName, DateTime nowUtc)
    {
        if (!IsPublished)
        {
            throw new DomainException("letter.not_published", "This letter is not published.");
        }

        UnpublishedAtUtc = nowUtc;
        UnpublishedByName = byName;
    }

    /// <summary>The reply a closed order gives the citizen (the unit's last reply, or the answer at intake) and when it closed; null while not closed.</summary>
    public static (string Text, DateTime ClosedAtUtc)? ReplyOf(WorkOrders.WorkOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Status is not (WorkOrders.WorkOrderStatus.Closed or WorkOrders.WorkOrderStatus.Archived) || order.ClosedAtUtc is null)
        {
            return null;
        }

        var text = order.Replies.LastOrDefault()?.Result ?? order.Resolution?.Answer;
        return string.IsNullOrWhiteSpace(text) ? null : (text, order.ClosedAtUtc.Value);
    }

    public static void RequirePublishable(Submission letter, DateTime? closedWithReplyAtUtc)
    {
        ArgumentNullException.ThrowIfNull(letter);
        if (!letter.IsLetter || letter.WorkOrderId is null)
        {
            throw new DomainException("letter.not_a_letter", "Only a mayor's mailbox letter accepted into a work order is published.");
        }

        if (!letter.ConsentToPublish)
        {
            throw new DomainException("letter.no_consent", "The citizen did not agree to publish the reply.");
        }

        if (closedWithReplyAtUtc is null)
        {
            throw new DomainException("letter.not_closed", "The letter is published once its order is closed with a reply.");
        }
    }

    private void Edit(LetterText text, string byName, DateTime nowUtc)
    {
        var errors = new Dictionary<string, string[]>();
        Check(errors, "title", text.Title, Limits.ShortText);
        Check(errors, "letter", text.Letter, Limits.LongText);
        Check(errors, "reply", text.Reply, Limits.LongText);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        Title = text.Title!.Trim();
        Letter = text.Letter!.Trim();
        Reply = text.Reply!.Trim();
        PublishedAtUtc = nowUtc;
        PublishedByName = byName;
        UnpublishedAtUtc = null;
        UnpublishedByName = null;
    }

    private static void Check(Dictionary<string, string[]> errors, string field, string? value, int limit)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["Give the text to publish."];
        }
        else if (value.Trim().Length > limit)
        {
            errors[field] = [$"At most {limit} characters."];
        }
    }
}

/// <summary>The texts a publisher publishes, after editing the proposal with personal data removed.</summary>
public sealed record LetterText(string? Title, string? Letter, string? Reply);
