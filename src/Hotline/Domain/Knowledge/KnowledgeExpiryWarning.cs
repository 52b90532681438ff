namespace Hotline.Domain.Knowledge;

/// <summary>
/// The owner's notice that a live article expires within <see cref="Lead"/>; one per article and expiry date, so the
/// job that writes them can run any number of times.
/// </summary>
public sealed class KnowledgeExpiryWarning
{
    public static readonly TimeSpan Lead = TimeSpan.FromDays(7);

    private KnowledgeExpiryWarning()
    {
    }

    public long Id { get; private set; }

    public long ArticleId { get; private set; }

    public long OwnerUnitId { get; private set; }

    public DateTime ExpiresAtUtc { get; private set; }

    public DateTime WarnedAtUtc { get; private set; }

    public static KnowledgeExpiryWarning For(KnowledgeArticle article, DateTime nowUtc) => new()
    {
        ArticleId = article.Id,
        OwnerUnitId = article.OwnerUnitId,
        ExpiresAtUtc = article.LiveExpiresAtUtc ?? throw new InvalidOperationException("The article has no live expiry date."),
        WarnedAtUtc = nowUtc,
    };
}
