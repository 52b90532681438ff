using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Data;
using Hotline.Text.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.WorkOrders.Entities;

/// <summary>
/// The names the entity extractor knows besides its patterns: the platform's own unit tree (active units) and the centre's
/// dictionary file (<see cref="DictionaryKey"/>, default <c>data/entity-dictionary.txt</c> beside the
/// server; one name a line, optionally a tab and a kind — compound, company, shop, school, hospital, road, site, project,
/// unit, region; lines starting with # are comments). A missing file is an empty dictionary.
/// </summary>
public static class EntityNames
{
    /// <summary>The centre's own entity names, one a line ("name" or "name&lt;TAB&gt;kind").</summary>
    public const string DictionaryKey = "SmartDispatch:EntityDictionaryPath";

    public const string DefaultPath = "data/entity-dictionary.txt";

    /// <summary>The extractor of the active units and the configured dictionary, read in a scope of its own (the commands).</summary>
    public static async Task<EntityExtractor> LoadAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        return await LoadAsync(
            provider.GetRequiredService<HotlineDbContext>(),
            provider.GetRequiredService<IConfiguration>()[DictionaryKey],
            provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EntityNames)),
            ct);
    }

    public static async Task<EntityExtractor> LoadAsync(HotlineDbContext db, string? path, ILogger logger, CancellationToken ct)
    {
        var units = await db.Set<Unit>().AsNoTracking().Where(u => u.IsActive).Select(u => u.Name).ToListAsync(ct);
        var entries = units.Select(n => new EntityDictionaryEntry(n, EntityKind.Unit)).ToList();
        var file = Path.GetFullPath(string.IsNullOrWhiteSpace(path) ? DefaultPath : path, AppContext.BaseDirectory);
        if (File.Exists(file))
        {
            var lines = await File.ReadAllLinesAsync(file, ct);
            entries.AddRange(Parse(lines));
            logger.LogInformation("Entity dictionary: {Count} names from {File}", entries.Count - units.Count, file);
        }

        return new EntityExtractor(entries);
    }

    /// <summary>The entries of the dictionary file's lines; an unknown kind is <see cref="EntityKind.Site"/>.</summary>
    public static IEnumerable<EntityDictionaryEntry> Parse(IEnumerable<string> lines) =>
        lines.Select(l => l.Trim())
            .Where(l => l.Length >= 2 && !l.StartsWith('#'))
            .Select(l => l.Split('\t', 2))
            .Select(p => new EntityDictionaryEntry(p[0].Trim(), p.Length > 1 && Enum.TryParse<EntityKind>(p[1].Trim(), ignoreCase: true, out var kind) ? kind : EntityKind.Site));
}
