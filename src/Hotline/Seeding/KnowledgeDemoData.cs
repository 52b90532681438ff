using Hotline.Domain.Knowledge;
using Hotline.Domain.Organisation;
using Hotline.Features.Knowledge;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Seeding;

/// <summary>
/// Loads <see cref="KnowledgeDemoContent"/> the way real content arrives: each article drafted by its owner unit,
/// submitted, approved by the centre's expert seat, and indexed, in one transaction.
/// </summary>
public static class KnowledgeDemoData
{
    /// <summary>Loads the demo knowledge base when there is no article yet and the demo units exist.</summary>
    public static async Task SeedIfEmptyAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            var owners = KnowledgeDemoContent.Articles.Select(a => a.Owner).Distinct().ToList();
            if (await db.Set<KnowledgeArticle>().AnyAsync(cancellationToken)
                || await db.Set<Unit>().CountAsync(u => owners.Contains(u.Code), cancellationToken) < owners.Count)
            {
                return;
            }
        }

        await SeedAsync(services, KnowledgeDemoContent.Articles, cancellationToken);
    }

    public static async Task<int> SeedAsync(IServiceProvider services, IEnumerable<DemoArticle> articles, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var indexer = scope.ServiceProvider.GetRequiredService<KnowledgeIndexer>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var hour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        var units = await db.Set<Unit>().ToDictionaryAsync(u => u.Code, cancellationToken);
        var expert = await db.Set<User>().Where(u => u.UserName == "expert").Select(u => new { u.Id, u.DisplayName, u.UnitId }).FirstOrDefaultAsync(cancellationToken);
        var reviewer = expert is null ? KnowledgeActor.System : new KnowledgeActor(expert.Id, expert.DisplayName, expert.UnitId);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = new List<KnowledgeArticle>();
        foreach (var demo in articles)
        {
            var owner = units[demo.Owner];
            var content = KnowledgeContent.Create(
                demo.Kind, demo.Title, demo.Body, demo.Category, Split(demo.Regions), Split(demo.Keywords), demo.Citizen,
                null, demo.ExpiresInDays is { } days ? hour.AddDays(days) : null,
                PeriodOf(demo, hour).Start, PeriodOf(demo, hour).End);
            var article = KnowledgeArticle.Create(content, owner.Id, new KnowledgeActor(null, owner.Name, owner.Id), now);
            db.Add(article);
            created.Add(article);
        }

        await db.SaveChangesAsync(cancellationToken);
        var versions = new List<KnowledgeArticleVersion>();
        foreach (var article in created)
        {
            article.Submit(new KnowledgeActor(null, article.CreatedByName, article.OwnerUnitId), now);
            var version = article.Approve(reviewer, now, "演示数据", null);
            db.Add(version);
            versions.Add(version);
        }

        await db.SaveChangesAsync(cancellationToken);
        for (var i = 0; i < created.Count; i++)
        {
            await indexer.SyncAsync(db, created[i], versions[i], cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return created.Count;
    }

    /// <summary>A notice's period: hours relative to the hour of seeding, or the Spring Festival holiday next to come.</summary>
    private static (DateTime? Start, DateTime? End) PeriodOf(DemoArticle demo, DateTime hour)
    {
        if (demo.DuringSpringFestival)
        {
            var (start, end) = SpringFestival.HolidayNotOverAt(hour);
            return (start, end);
        }

        return (demo.PeriodStartHours is { } s ? hour.AddHours(s) : null,
            demo.PeriodStartHours is { } from && demo.PeriodHours is { } h ? hour.AddHours(from + h) : null);
    }

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
