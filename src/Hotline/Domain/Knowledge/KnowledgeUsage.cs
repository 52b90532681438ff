namespace Hotline.Domain.Knowledge;

/// <summary>One use of an article in an answer (the agent read it to the citizen or filled the direct answer with it).</summary>
public sealed class KnowledgeUsage
{
    private KnowledgeUsage()
    {
    }

    public long Id { get; private set; }

    public long ArticleId { get; private set; }

    public int? ArticleVersion { get; private set; }

    public long UserId { get; private set; }

    public long UnitId { get; private set; }

    /// <summary>The work order the answer belongs to, when there is one.</summary>
    public long? WorkOrderId { get; private set; }

    public DateTime AtUtc { get; private set; }

    public static KnowledgeUsage Record(long articleId, int? version, long userId, long unitId, long? workOrderId, DateTime nowUtc) => new()
    {
        ArticleId = articleId,
        ArticleVersion = version,
        UserId = userId,
        UnitId = unitId,
        WorkOrderId = workOrderId,
        AtUtc = nowUtc,
    };
}
