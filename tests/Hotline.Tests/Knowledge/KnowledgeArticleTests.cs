using Hotline.Domain;
using Hotline.Domain.Knowledge;

namespace Hotline.Tests.Knowledge;

/// <summary>The article's rules without HTTP or a database: every action from every status, versions, expiry.</summary>
public sealed class KnowledgeArticleTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);
    private static readonly KnowledgeActor Author = new(10, "承办人", 5);
    private static readonly KnowledgeActor Reviewer = new(20, "班长", 1);

    public static TheoryData<KnowledgeStatus, string, bool> EveryActionFromEveryStatus()
    {
        var data = new TheoryData<KnowledgeStatus, string, bool>();
        var allowed = new Dictionary<string, KnowledgeStatus[]>
        {
            ["edit"] = [KnowledgeStatus.Draft, KnowledgeStatus.Published, KnowledgeStatus.Expired, KnowledgeStatus.Withdrawn],
            ["submit"] = [KnowledgeStatus.Draft],
            ["recall"] = [KnowledgeStatus.InReview],
            ["approve"] = [KnowledgeStatus.InReview],
            ["reject"] = [KnowledgeStatus.InReview],
            ["withdraw"] = [KnowledgeStatus.Published],
        };
        foreach (var status in Enum.GetValues<KnowledgeStatus>())
        {
            foreach (var (action, from) in allowed)
            {
                data.Add(status, action, from.Contains(status));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryActionFromEveryStatus))]
    public void Action_FromStatus_IsAllowedOnlyByTheTransitionTable(KnowledgeStatus status, string action, bool allowed)
    {
        var article = InStatus(status);

        var error = Record.Exception(() => Do(article, action));

        if (allowed)
        {
            Assert.Null(error);
        }
        else
        {
            var domain = Assert.IsAssignableFrom<DomainException>(error);
            Assert.Contains(domain.Code, new[] { "knowledge.invalid_transition", "knowledge.not_live" });
        }
    }

    [Fact]
    public void Approve_FreezesANewLiveVersion_WithTheChangedFields()
    {
        var article = InStatus(KnowledgeStatus.Published);
        var first = article.Content;
        article.Edit(Content("新标题", Now.AddDays(30)), Author, Now);
        article.Submit(Author, Now);

        var version = article.Approve(Reviewer, Now, "通过", first);

        Assert.Equal(2, version.Number);
        Assert.Equal(2, article.LiveVersion);
        Assert.Equal("title", version.ChangedFields);
        Assert.Equal("新标题", version.Content.Title);
    }

    [Fact]
    public void Approve_BySubmitter_IsRefused()
    {
        var article = KnowledgeArticle.Create(Content("标题"), 5, Author, Now);
        article.Submit(Reviewer, Now);

        Assert.Equal("knowledge.self_review", Assert.Throws<DomainException>(() => article.Approve(Reviewer, Now, null, null)).Code);
    }

    [Fact]
    public void Expire_TakesTheLiveVersionOutOfUse_OnlyOnceDue()
    {
        var article = KnowledgeArticle.Create(Content("标题", expiresAt: Now.AddDays(3)), 5, Author, Now);
        article.Submit(Author, Now);
        article.Approve(Reviewer, Now, null, null);

        Assert.Equal("knowledge.not_due_to_expire", Assert.Throws<DomainException>(() => article.Expire(Now.AddDays(2))).Code);
        article.Expire(Now.AddDays(3));

        Assert.Equal(KnowledgeStatus.Expired, article.Status);
        Assert.False(article.IsLive);
        Assert.Equal(KnowledgeAction.Expired, article.Events[^1].Action);
    }

    [Fact]
    public void Notice_WithoutExpiry_ExpiresWhenItsPeriodEnds()
    {
        var content = KnowledgeContent.Create(KnowledgeKind.Notice, "停水", "内容", "水", ["990102001"], [], true, null, null, Now, Now.AddHours(8));

        Assert.Equal(Now.AddHours(8), content.ExpiresAtUtc);
        Assert.Throws<ValidationException>(() => KnowledgeContent.Create(KnowledgeKind.Faq, "t", "b", "c", [], [], true, null, null, Now, Now.AddHours(1)));
    }

    private static KnowledgeContent Content(string title, DateTime? expiresAt = null) =>
        KnowledgeContent.Create(KnowledgeKind.Faq, title, "内容", "测试", [], [], true, null, expiresAt, null, null);

    private static KnowledgeArticle InStatus(KnowledgeStatus status)
    {
        var article = KnowledgeArticle.Create(Content("标题", Now.AddDays(30)), 5, Author, Now);
        if (status == KnowledgeStatus.Draft)
        {
            return article;
        }

        article.Submit(Author, Now);
        if (status == KnowledgeStatus.InReview)
        {
            return article;
        }

        article.Approve(Reviewer, Now, null, null);
        switch (status)
        {
            case KnowledgeStatus.Withdrawn:
                article.Withdraw(Author, Now, "不再适用");
                break;
            case KnowledgeStatus.Expired:
                article.Expire(Now.AddDays(30));
                break;
            case KnowledgeStatus.Published:
            case KnowledgeStatus.Draft:
            case KnowledgeStatus.InReview:
                break;
        }

        Assert.Equal(status, article.Status);
        return article;
    }

    private static void Do(KnowledgeArticle article, string action)
    {
        switch (action)
        {
            case "edit":
                article.Edit(Content("改过的标题", Now.AddDays(60)), Author, Now);
                break;
            case "submit":
                article.Submit(Author, Now);
                break;
            case "recall":
                article.Recall(Author, Now);
                break;
            case "approve":
                article.Approve(Reviewer, Now, null, null);
                break;
            case "reject":
                article.Reject(Reviewer, Now, "请补充");
                break;
            case "withdraw":
                article.Withdraw(Author, Now, "不再适用");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action));
        }
    }
}
