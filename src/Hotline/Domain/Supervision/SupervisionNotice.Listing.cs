using Hotline.Domain.Calendar;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Supervision;

/// <summary>
/// Public listing (挂牌督办, S8): a notice the unit still fails is listed on the citizen portal's public page with its own
/// deadline, no later than the notice's first supervision deadline, and may be flagged for the news media. The public
/// sees the unit, the matter as the supervisor words it for the public, and the progress; never a caller's data.
/// </summary>
public sealed partial class SupervisionNotice
{
    public bool IsListed { get; private set; }

    public DateTime? ListedAtUtc { get; private set; }

    public DateTime? ListingDeadlineUtc { get; private set; }

    /// <summary>The listing is also published in the news media (新闻媒体).</summary>
    public bool ListingInMedia { get; private set; }

    /// <summary>The matter as the public reads it, written by the supervisor without personal data.</summary>
    public string? PublicMatter { get; private set; }

    /// <summary>
    /// The rectification result as the public reads it (整改结果), written by the supervisor without personal data when
    /// accepting the answer of a listed notice; the public listing shows it once the notice is closed.
    /// </summary>
    public string? PublicResult { get; private set; }

    public DateTime? DelistedAtUtc { get; private set; }

    public string? DelistReason { get; private set; }

    /// <summary>Lists the notice publicly; the listing's deadline may not be later than the notice's own.</summary>
    public void List(Actor supervisor, string publicMatter, DateTime listingDeadlineUtc, bool inMedia, DateTime nowUtc)
    {
        RequireCentre(supervisor);
        if (!IsOpen)
        {
            throw new DomainException("notice_invalid_state", "A closed notice cannot be listed.");
        }

        if (IsListed)
        {
            throw new DomainException("notice_already_listed", "The notice is listed already.");
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(publicMatter))
        {
            errors["publicMatter"] = ["Word the matter for the public."];
        }

        if (listingDeadlineUtc > DueAtUtc)
        {
            errors["listingDeadline"] = ["The listing's deadline may not be later than the notice's first supervision deadline."];
        }
        else if (listingDeadlineUtc <= nowUtc)
        {
            errors["listingDeadline"] = ["The listing's deadline must be in the future."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        IsListed = true;
        ListedAtUtc = nowUtc;
        ListingDeadlineUtc = listingDeadlineUtc;
        ListingInMedia = inMedia;
        PublicMatter = publicMatter.Trim();
        DelistedAtUtc = null;
        DelistReason = null;
        Record(supervisor, nowUtc, NoticeAction.List, PublicMatter, new()
        {
            ["listingDeadline"] = Local(listingDeadlineUtc),
            ["media"] = inMedia ? "true" : "false",
        });
    }

    /// <summary>Takes the notice off the public listing, with the reason recorded.</summary>
    public void Delist(Actor supervisor, string reason, DateTime nowUtc)
    {
        RequireCentre(supervisor);
        if (!IsListed)
        {
            throw new DomainException("notice_not_listed", "The notice is not listed.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw ValidationException.For("reason", "Say why the notice is delisted.");
        }

        IsListed = false;
        DelistedAtUtc = nowUtc;
        DelistReason = reason.Trim();
        Record(supervisor, nowUtc, NoticeAction.Delist, DelistReason, null);
    }
}
