namespace Hotline.Domain.Attachments;

/// <summary>
/// A file a member of staff uploaded (issue 18): stored under a key the server made, typed by its bytes, hashed. It belongs
/// to its uploader until a registration, a reply or an addition attaches it to an order, or an assessment appeal claims it
/// as evidence; one never attached is swept.
/// </summary>
public sealed class Upload
{
    private Upload()
    {
    }

    public Upload(long uploadedByUserId, string name, string contentType, long size, string sha256, string storageKey, bool hasThumbnail, DateTime createdUtc)
    {
        UploadedByUserId = uploadedByUserId;
        Name = name;
        ContentType = contentType;
        Size = size;
        Sha256 = sha256;
        StorageKey = storageKey;
        HasThumbnail = hasThumbnail;
        CreatedUtc = createdUtc;
    }

    public long Id { get; private set; }

    public long UploadedByUserId { get; private set; }

    /// <summary>The order it is attached to; null while it waits for one.</summary>
    public long? WorkOrderId { get; private set; }

    /// <summary>The assessment appeal it is evidence of; null unless an appeal claimed it.</summary>
    public long? AppealId { get; private set; }

    public DateTime? AttachedUtc { get; private set; }

    /// <summary>The phone key (<see cref="Citizens.CitizenRules.PhoneKey"/>) of the citizen who uploaded it; null for staff's uploads.</summary>
    public string? CitizenPhoneKey { get; private set; }

    /// <summary>The citizen's submission it came with; it stays set when an intake agent carries it onto the order.</summary>
    public long? SubmissionId { get; private set; }

    /// <summary>Whether nothing holds it yet: no order, no appeal, no submission (the orphan sweep removes such ones).</summary>
    public bool IsUnclaimed => WorkOrderId is null && AppealId is null && SubmissionId is null;

    /// <summary>A citizen's upload (issue 18): no member of staff uploaded it (user id 0), the verified phone's key owns it.</summary>
    public static Upload ByCitizen(string phoneKey, string name, string contentType, long size, string sha256, string storageKey, bool hasThumbnail, DateTime createdUtc) =>
        new(0, name, contentType, size, sha256, storageKey, hasThumbnail, createdUtc) { CitizenPhoneKey = phoneKey };

    /// <summary>The file's name as the uploader's computer called it (personal data: never in a URL or a log).</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>The content type its bytes were sniffed as.</summary>
    public string ContentType { get; private set; } = string.Empty;

    public long Size { get; private set; }

    /// <summary>SHA-256 of the bytes, lower-case hex.</summary>
    public string Sha256 { get; private set; } = string.Empty;

    public string StorageKey { get; private set; } = string.Empty;

    /// <summary>A small image is stored beside an image, under <see cref="ThumbnailKey"/>.</summary>
    public bool HasThumbnail { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public string ThumbnailKey => ThumbnailKeyOf(StorageKey);

    public static string ThumbnailKeyOf(string storageKey) => storageKey + ".thumb.jpg";

    /// <summary>The order's record of this file.</summary>
    public WorkOrders.Attachment ToAttachment(WorkOrders.AttachmentSource source) =>
        new(Name, ContentType, Size, StorageKey) { UploadId = Id, Source = source };
}
