using Hotline.Domain.Chat;
using Hotline.Features.Knowledge;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Search;

namespace Hotline.Features.Chat;

/// <summary>The assistant's answer: the quoted passage and its article, or nothing when it is not confident.</summary>
/// <remarks><see cref="Coverage"/> is the passage's share of the question's terms, <see cref="ArticleCoverage"/> the article's (title and
/// body): the evidence <see cref="AssistantRule"/> judged, kept so the assistant bench can measure other thresholds.</remarks>
public sealed record AssistantAnswer(bool Confident, string? Passage, long? ArticleId, string? ArticleTitle, string Mode, int Terms, double Coverage, double ArticleCoverage = 0);

/// <summary>
/// The intelligent assistant (智能客服): searches the published, citizen-visible knowledge through the same index and
/// caller as the portal's knowledge search, quotes the best passage of the first hit, and judges by
/// <see cref="AssistantRule"/> whether to answer.
/// </summary>
public sealed class ChatAssistant(ISearchIndex index, HotlineDbContext db, TimeProvider time)
{
    public async Task<AssistantAnswer> AnswerAsync(string question, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var results = await index.SearchAsync(
            new SearchQuery { Text = question, Kinds = KnowledgeIndexer.Kinds, NowUtc = now, Page = 1, PageSize = 3 }, SearchCaller.Citizen, ct);
        var top = results.Items.FirstOrDefault(h => h.Kind == KnowledgeIndexer.ArticleKind) ?? (results.Items.Count > 0 ? results.Items[0] : null);
        if (top is null)
        {
            return new AssistantAnswer(false, null, null, null, results.Mode, results.Terms.Count, 0);
        }

        var article = await KnowledgeLookup.FindLiveAsync(db, top.EntityId, now, ct);
        if (article is not { IsCitizenVisible: true })
        {
            return new AssistantAnswer(false, null, null, null, results.Mode, results.Terms.Count, 0);
        }

        var passage = AssistantRule.Pick(article.Body, results.Terms);
        var confident = AssistantRule.IsConfident(results.Terms, article.Title, article.Body, passage);
        return new AssistantAnswer(
            confident, passage?.Text, article.Id, article.Title, results.Mode, results.Terms.Count, passage?.Coverage ?? 0,
            AssistantRule.Coverage(results.Terms, article.Title + "\n" + article.Body));
    }
}
