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
        var (entries, file, fromFile) = await EntriesAsync(db, path, ct);
        if (file is not null)
        {
            logger.LogInformation("Entity dictionary: {Count} names from {File}", fromFile, file);
        }

        return new EntityExtractor(entries);
    }

    /// <summary>
    /// The dictionary's entries: the names of the active units, then the lines of the centre's file (when it exists; its
    /// full path and how many lines it gave are returned for the log).
    /// </summary>
    public static async Task<(IReadOnlyList<EntityDictionaryEntry> Entries, string? File, int FromFile)> EntriesAsync(HotlineDbContext db, string? path, CancellationToken ct)
    {
        var units = await db.Set<Unit>().AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.Id).Select(u => u.Name).ToListAsync(ct);
        var entries = units.Select(n => new EntityDictionaryEntry(n, EntityKind.Unit)).ToList();
        var file = Path.GetFullPath(string.IsNullOrWhiteSpace(path) ? DefaultPath : path, AppContext.BaseDirectory);
        if (!File.Exists(file))
        {
            return (entries, null, 0);
        }

        entries.AddRange(EntityExtractor.ReadDictionary(await File.ReadAllLinesAsync(file, ct)));
        return (entries, file, entries.Count - units.Count);
    }

    /// <summary>A fingerprint of the entries, to tell a changed dictionary (a unit added, renamed or closed; the file edited) from the same one.</summary>
    public static ulong Fingerprint(IEnumerable<EntityDictionaryEntry> entries)
    {
        var hash = new System.IO.Hashing.XxHash3();
        foreach (var entry in entries)
        {
            hash.Append(System.Text.Encoding.UTF8.GetBytes(string.Concat(entry.Name, "\t", entry.Kind.ToString(), "\n")));
        }

        return hash.GetCurrentHashAsUInt64();
    }
}
