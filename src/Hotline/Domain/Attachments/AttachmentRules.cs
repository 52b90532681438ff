using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Attachments;

/// <summary>
/// The limits on files (issue 18), declared once: a file's size, the files and bytes of one order, and who sees an
/// order's files. The request checks, the upload and the work order's verbs all read them from here.
/// </summary>
public static class AttachmentRules
{
    /// <summary>One file: a phone photo is 2–8 MB, a scanned document or a recorded call rarely more than 20 MB.</summary>
    public const long MaxFileBytes = 20L * 1024 * 1024;

    /// <summary>All the files of one order together (its intake files, the files added later and the replies' files).</summary>
    public const long MaxOrderBytes = 100L * 1024 * 1024;

    /// <summary>The files of one order.</summary>
    public const int MaxPerOrder = Limits.Attachments;

    /// <summary>The longest side of a thumbnail, in pixels.</summary>
    public const int ThumbnailSize = 240;

    /// <summary>The field that names the uploads a request attaches.</summary>
    public const string IdsField = "attachmentIds";

    /// <summary>Refuses adding <paramref name="adding"/> to an order holding <paramref name="existing"/> when it would pass the count or the bytes of one order.</summary>
    public static void CheckOrderTotals(IReadOnlyCollection<Attachment> existing, IReadOnlyCollection<Attachment> adding)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(adding);
        if (existing.Count + adding.Count > MaxPerOrder)
        {
            throw ValidationException.For(IdsField, $"An order holds at most {MaxPerOrder} attachments.");
        }

        if (existing.Sum(a => a.Size) + adding.Sum(a => a.Size) > MaxOrderBytes)
        {
            throw ValidationException.For(IdsField, $"An order's attachments hold at most {MaxOrderBytes / 1024 / 1024} MB together.");
        }
    }

    /// <summary>The evidence one assessment appeal carries: at most as many files and bytes as one order.</summary>
    public static void CheckAppealTotals(IReadOnlyCollection<Attachment> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count > MaxPerOrder)
        {
            throw ValidationException.For(IdsField, $"An appeal carries at most {MaxPerOrder} files.");
        }

        if (files.Sum(a => a.Size) > MaxOrderBytes)
        {
            throw ValidationException.For(IdsField, $"An appeal's files hold at most {MaxOrderBytes / 1024 / 1024} MB together.");
        }
    }

    /// <summary>
    /// Whether <paramref name="viewer"/> sees <paramref name="attachment"/> of an order: a unit does not see the citizen's
    /// material on a confidential order (what intake and the centre attached), as it does not see the caller; the replies'
    /// files are the units' own and stay visible to them.
    /// </summary>
    public static bool IsVisibleTo(Actor viewer, bool orderIsConfidential, Attachment attachment)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(attachment);
        return !orderIsConfidential || viewer.IsCentre || attachment.Source == AttachmentSource.Reply;
    }
}
