using System.Collections.Concurrent;
using Hotline.Text.Entities;

namespace Hotline.Text.HotSpots;

/// <summary>One order as the hot-spot detector sees it.</summary>
/// <param name="Place">Its region (street level in the server).</param>
/// <param name="Matter">
/// What it is about as the centre filed it (the server: its category's second level, <c>Category.MatterOf</c>); null when
/// not known. An event hot spot holds orders of one matter only.
/// </param>
public sealed record HotSpotDocument(string Id, string Text, DateTimeOffset Time, string? Place, string? Matter = null);

/// <summary>How hot spots are found. The analysis window ends at <see cref="End"/> (default: the latest order's time).</summary>
public sealed record HotSpotOptions
{
    /// <summary>Length of the current window; the previous window is the same length just before it.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromDays(7);

    public DateTimeOffset? End { get; init; }

    /// <summary>Lowest cosine similarity (TF-IDF of character bigrams) between an order and a cluster's centroid inside one entity or place.</summary>
    public double Similarity { get; init; } = 0.15;

    /// <summary>
    /// The same inside one entity's orders, the entity's own name left out of the texts: the entity already says what
    /// the orders are about, so a low bar is enough to keep one matter together and tell another apart.
    /// </summary>
    public double EntitySimilarity { get; init; } = 0.05;

    /// <summary>
    /// Inside one entity's orders, after the pass: clusters whose centroids have at least this cosine are one matter
    /// (<see cref="HotSpotClustering.Merge"/>); null: no merging.
    /// </summary>
    public double? EntityMergeSimilarity { get; init; } = 0.05;

    /// <summary>The same for the city-wide clustering of common problems.</summary>
    public double CommonSimilarity { get; init; } = 0.2;

    /// <summary>Fewest orders in the current window for a cluster to count as a hot spot or a common problem.</summary>
    public int MinSize { get; init; } = 3;

    /// <summary>Fewest distinct places or entities a common problem spreads over.</summary>
    public int MinPlaces { get; init; } = 3;

    /// <summary>A hot spot is emerging when it had no orders in the previous window or grew at least this many times.</summary>
    public double EmergingGrowth { get; init; } = 2.0;

    /// <summary>
    /// When the centre's orders begin (the time of its first order). The previous window is compared with the current one
    /// only when the orders cover it: this time no later than <see cref="HotSpotDetector.HistoryGrace"/> after the previous
    /// window starts. Otherwise no growth is given and nothing is emerging (<see cref="HotSpotReport.Compared"/>): a year's
    /// list over the first year of a centre's history would call every matter new. Null: the orders cover it.
    /// </summary>
    public DateTimeOffset? HistoryFrom { get; init; }

    /// <summary>How many characteristic terms to report per cluster.</summary>
    public int Terms { get; init; } = 6;

    /// <summary>Terms kept per order (the heaviest by TF-IDF): enough to describe a complaint, few enough to stay fast.</summary>
    public int TermsPerDocument { get; init; } = 48;

    /// <summary>
    /// The order's heaviest terms through which candidate clusters are looked up (the cosine still uses all its terms).
    /// Default all: 12 was measured to save nothing at 1M orders and to change the event list (docs/decisions.md).
    /// </summary>
    public int CandidateTerms { get; init; } = 48;

    /// <summary>
    /// Terms kept per order in the city-wide pass of common problems (the heaviest by TF-IDF): a topic shared across
    /// places shows in an order's rarest terms; fewer terms make the pass over every order of both windows cheaper.
    /// </summary>
    public int CommonTerms { get; init; } = 24;

    /// <summary>The entity extractor (the server's knows the unit tree and the centre's dictionary); default: patterns only.</summary>
    public EntityExtractor? Entities { get; init; }

    /// <summary>Issue 6's grouping, kept as the quality bench's baseline: every order keyed by its place alone (none is a place too), no entities.</summary>
    public bool ByPlaceOnly { get; init; }

    /// <summary>
    /// How many hot spots of each list, from the top, get their keywords read (<see cref="HotSpotCluster.Terms"/>); the
    /// others have none. Null: all. The server keeps its top <c>HotSpotsStored</c> of each list and the CLI its
    /// <c>--top</c>; over a city's year the lists hold tens of thousands, and reading each one's keywords (the words of
    /// its reports, <see cref="TermPhrases"/>) was a measurable part of the run.
    /// </summary>
    public int? KeywordsFor { get; init; }
}

/// <summary>A cluster of similar orders: an event hot spot (one entity or place) or a common problem (many places).</summary>
/// <param name="Place">The commonest place of the members (null when none has one).</param>
/// <param name="Size">Orders in the current window.</param>
/// <param name="PreviousSize">Orders of the same cluster in the previous window.</param>
/// <param name="Growth">Size ÷ previous size; null when the previous window had none, or is not compared (<see cref="HotSpotReport.Compared"/>).</param>
/// <param name="Emerging">
/// New in this window, or grown at least <see cref="HotSpotOptions.EmergingGrowth"/> times; never when the previous window is
/// not compared.
/// </param>
/// <param name="From">Time of the first order in the current window.</param>
/// <param name="To">Time of the last order in the current window.</param>
/// <param name="Terms">Characteristic terms (heaviest in the centroid; for an event, those not inside its entity's name: the matter).</param>
/// <param name="Ids">The orders in the current window, oldest first.</param>
/// <param name="Entity">The event's entity (null for an event of a place, and for a common problem).</param>
/// <param name="Places">Distinct places or entities among the members in the current window (a member with neither counts as one of its own).</param>
public sealed record HotSpotCluster(
    string? Place, int Size, int PreviousSize, double? Growth, bool Emerging, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> Terms,
    IReadOnlyList<string> Ids, string? Entity = null, int Places = 1);

/// <summary>The result of one run: the windows, the event hot spots and the common problems, each largest first.</summary>
/// <param name="Compared">
/// Whether the orders cover the previous window (<see cref="HotSpotOptions.HistoryFrom"/>), so that growth and emerging
/// mean something; the previous sizes are counted either way.
/// </param>
public sealed record HotSpotReport(
    DateTimeOffset WindowFrom, DateTimeOffset WindowTo, DateTimeOffset PreviousFrom, int Documents, IReadOnlyList<HotSpotCluster> Clusters,
    IReadOnlyList<HotSpotCluster> Common, bool Compared = true);

/// <summary>
/// Finds the two lists of hot spots over the current window and the previous one of the same length:
/// <list type="bullet">
/// <item><b>Event hot spots</b>: each order is keyed by the rarest entity it names that another order of the two windows
/// names too (units and regions of the platform's tree left out: they say who handles or where, not what), with its place;
/// failing such an entity, by its place alone; an order with neither has no key. Inside a key, the orders of each matter
/// (<see cref="HotSpotDocument.Matter"/>, when known) are clustered by text, oldest first (<see cref="HotSpotClustering"/>),
/// so one compound's noise and its water outage are two events. The matter is a wall, the text the finer cut: reports of
/// one compound in the same frame of words share enough to pass the low bar an entity's group needs for rewordings.
/// Ranked by size, then growth.</item>
/// <item><b>Common problems (高频共性问题)</b>: the current window's orders of the whole city clustered by text in one pass,
/// the previous window's orders then counted for the cluster each is most like (in parallel, the clusters unchanged); a
/// cluster is a common problem when it spreads over at least <see cref="HotSpotOptions.MinPlaces"/> keys (an order with
/// no key, which could be anywhere, counts as a key of its own) and no key holds half of its members. Ranked by size,
/// then the number of places.</item>
/// </list>
/// The result does not depend on the number of cores.
/// </summary>
public static class HotSpotDetector
{
    /// <summary>
    /// How long after the previous window starts the centre's first order may come and the window still count as covered:
    /// orders arrive through the day, so a history that begins on the window's first day covers it.
    /// </summary>
    public static readonly TimeSpan HistoryGrace = TimeSpan.FromDays(1);

    private static readonly EntityExtractor PatternsOnly = new();

    public static HotSpotReport Detect(IReadOnlyList<HotSpotDocument> documents, HotSpotOptions? options = null)
    {
        options ??= new HotSpotOptions();
        if (documents.Count == 0)
        {
            var now = options.End ?? DateTimeOffset.UnixEpoch;
            var start = now - options.Window - options.Window;
            return new HotSpotReport(now - options.Window, now, start, 0, [], [], Covers(options.HistoryFrom, start));
        }

        var end = options.End ?? documents.Max(d => d.Time);
        var windowFrom = end - options.Window;
        var previousFrom = windowFrom - options.Window;
        var compared = Covers(options.HistoryFrom, previousFrom);
        var inRange = documents.Where(d => d.Time > previousFrom && d.Time <= end)
            .OrderBy(d => d.Time).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToArray();
        var words = new ConcurrentDictionary<long, string>();
        var extractor = options.Entities ?? PatternsOnly;

        var documentFrequency = HotSpotClustering.NewDocumentFrequency();
        var entities = new string[inRange.Length][];
        var brands = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        Parallel.For(0, inRange.Length, () => new List<long>(), (i, _, keys) =>
        {
            HotSpotClustering.CountTerms(inRange[i].Text, keys, documentFrequency, words);
            var found = options.ByPlaceOnly ? [] : extractor.Extract(inRange[i].Text).Where(e => e.Kind is not (EntityKind.Unit or EntityKind.Region)).ToArray();
            entities[i] = [.. found.Select(e => e.Name)];
            foreach (var brand in found.Where(EntityExtractor.IsBrand))
            {
                brands.AddOrUpdate(brand.Name, 1, (_, n) => n + 1);
            }

            return keys;
        }, _ => { });
        AddBrands(inRange, entities, [.. brands.Where(b => b.Value >= 2).Select(b => b.Key)]);

        // Without the background documents a small batch (a quiet district, a test) would give the terms its similar
        // orders share the lowest weights, exactly the terms that make them a cluster.
        var idf = TextVectorizer.ComputeIdf(documentFrequency, inRange.Length + HotSpotClustering.BackgroundDocuments);
        var clustering = new HotSpotClustering(idf, words, options);
        var keyed = HotSpotKeys.Of(inRange, entities, options.ByPlaceOnly);

        List<(HotSpotCluster Spot, Cluster Cluster)> events = [], common = [];
        Parallel.Invoke(
            () => events = Events(inRange, keyed, clustering, windowFrom, compared, options),
            () => common = Common(inRange, keyed, clustering, windowFrom, compared, options));
        return new HotSpotReport(windowFrom, end, previousFrom, inRange.Length, WithKeywords(events, clustering, options), WithKeywords(common, clustering, options), compared);
    }

    /// <summary>Whether a history that begins at <paramref name="historyFrom"/> (null: unknown, taken as covering) covers a window from <paramref name="from"/>.</summary>
    public static bool Covers(DateTimeOffset? historyFrom, DateTimeOffset from) => historyFrom is not { } first || first <= from + HistoryGrace;

    /// <summary>
    /// The hot spots in their order, the first <see cref="HotSpotOptions.KeywordsFor"/> (all by default) with their keywords
    /// (<see cref="HotSpotClustering.TopTerms"/>, without an event's entity), read in parallel.
    /// </summary>
    private static List<HotSpotCluster> WithKeywords(List<(HotSpotCluster Spot, Cluster Cluster)> found, HotSpotClustering clustering, HotSpotOptions options)
    {
        var read = Math.Min(found.Count, options.KeywordsFor ?? found.Count);
        var spots = new HotSpotCluster[found.Count];
        Parallel.For(0, found.Count, i =>
            spots[i] = i < read ? found[i].Spot with { Terms = clustering.TopTerms(found[i].Cluster, found[i].Spot.Entity) } : found[i].Spot);
        return [.. spots];
    }

    /// <summary>
    /// A compound named by its brand alone is found by the building number after it ("天马御都4号楼"); a citizen who leaves
    /// the number out ("天马御都的业主") writes the same compound. The brands found before a number in at least two orders of
    /// this batch (a clause read as a brand, "陆续发现1-5栋", is seldom written twice) are looked for in every order's text
    /// as a dictionary is.
    /// </summary>
    private static void AddBrands(HotSpotDocument[] documents, string[][] entities, string[] brands)
    {
        if (brands.Length == 0)
        {
            return;
        }

        var known = new EntityExtractor(brands.Order(StringComparer.Ordinal).Select(b => new EntityDictionaryEntry(b, EntityKind.Compound)));
        Parallel.For(0, documents.Length, i =>
        {
            var more = known.KnownNames(documents[i].Text).Where(n => !entities[i].Contains(n, StringComparer.Ordinal)).ToArray();
            if (more.Length > 0)
            {
                entities[i] = [.. entities[i], .. more];
            }
        });
    }

    private static List<(HotSpotCluster Spot, Cluster Cluster)> Events(HotSpotDocument[] documents, (string? Entity, string? Place)[] keys, HotSpotClustering clustering, DateTimeOffset windowFrom, bool compared, HotSpotOptions options)
    {
        var groups = Enumerable.Range(0, documents.Length)
            .Where(i => keys[i].Entity is not null || keys[i].Place is not null)
            .GroupBy(i => (keys[i].Entity, keys[i].Place, documents[i].Matter))
            .OrderBy(g => g.Key.Entity, StringComparer.Ordinal).ThenBy(g => g.Key.Place, StringComparer.Ordinal).ThenBy(g => g.Key.Matter, StringComparer.Ordinal)
            .Select(g => (g.Key, Members: g.Select(i => documents[i]).ToArray()))
            .ToArray();
        var results = new List<(HotSpotCluster Spot, Cluster Cluster)>[groups.Length];
        Parallel.For(0, groups.Length, g =>
        {
            var (key, members) = groups[g];
            results[g] = [];
            if (members.Count(d => d.Time > windowFrom) < options.MinSize)
            {
                return;
            }

            var clusters = clustering.Cluster(members, key.Entity is null ? options.Similarity : options.EntitySimilarity, key.Entity);
            if (key.Entity is not null && options.EntityMergeSimilarity is { } merge)
            {
                clusters = HotSpotClustering.Merge(clusters, merge);
            }

            foreach (var cluster in clusters)
            {
                if (Measure(cluster, windowFrom, compared, options) is { } m)
                {
                    results[g].Add((new HotSpotCluster(
                        m.Current[0].Place?.Trim(), m.Current.Length, m.Previous, m.Growth, m.Emerging, m.Current[0].Time, m.Current[^1].Time,
                        [], m.Current.Select(d => d.Id).ToArray(), key.Entity, 1), cluster));
                }
            }
        });

        return [.. results.SelectMany(r => r)
            .OrderByDescending(c => c.Spot.Size)
            .ThenByDescending(c => c.Spot.Growth ?? double.PositiveInfinity)
            .ThenBy(c => c.Spot.From)
            .ThenBy(c => c.Spot.Entity, StringComparer.Ordinal)
            .ThenBy(c => c.Spot.Place, StringComparer.Ordinal)
            .ThenBy(c => c.Spot.Ids[0], StringComparer.Ordinal)];
    }

    private static List<(HotSpotCluster Spot, Cluster Cluster)> Common(HotSpotDocument[] documents, (string? Entity, string? Place)[] keys, HotSpotClustering clustering, DateTimeOffset windowFrom, bool compared, HotSpotOptions options)
    {
        var keyOf = new Dictionary<HotSpotDocument, string?>(documents.Length, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < documents.Length; i++)
        {
            keyOf[documents[i]] = keys[i].Entity ?? keys[i].Place;
        }

        // The current window's orders make the clusters; the previous window's are counted for the cluster they are most
        // like, in parallel (the one pass over the city's orders is the job's longest step).
        var from = Array.FindIndex(documents, d => d.Time > windowFrom) is var f and >= 0 ? f : documents.Length;
        var (clusters, earlier) = clustering.ClusterAndCount(documents[from..], documents[..from], options.CommonSimilarity, options.CommonTerms);
        var found = new List<(HotSpotCluster Spot, Cluster Cluster)>();
        for (var k = 0; k < clusters.Count; k++)
        {
            if (clusters[k].Members.Count < options.MinSize || Measure(clusters[k].Members.ToArray(), earlier[k], compared, options) is not { } m)
            {
                continue;
            }

            // An order that names no entity and has no place could be anywhere: it counts as a place of its own.
            var byKey = m.Current.Select(d => keyOf[d] ?? "\0" + d.Id).GroupBy(k => k, StringComparer.Ordinal).Select(g => g.Count()).ToArray();
            if (byKey.Length < options.MinPlaces || byKey.Max() * 2 >= m.Current.Length)
            {
                continue;
            }

            var place = m.Current.Select(d => d.Place?.Trim()).Where(p => !string.IsNullOrEmpty(p))
                .GroupBy(p => p, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key).FirstOrDefault();
            found.Add((new HotSpotCluster(
                place, m.Current.Length, m.Previous, m.Growth, m.Emerging, m.Current[0].Time, m.Current[^1].Time, [],
                m.Current.Select(d => d.Id).ToArray(), null, byKey.Length), clusters[k]));
        }

        return [.. found
            .OrderByDescending(c => c.Spot.Size)
            .ThenByDescending(c => c.Spot.Places)
            .ThenBy(c => c.Spot.From)
            .ThenBy(c => c.Spot.Ids[0], StringComparer.Ordinal)];
    }

    private static (HotSpotDocument[] Current, int Previous, double? Growth, bool Emerging)? Measure(Cluster cluster, DateTimeOffset windowFrom, bool compared, HotSpotOptions options)
    {
        var current = cluster.Members.Where(m => m.Time > windowFrom).ToArray();
        return Measure(current, cluster.Members.Count - current.Length, compared, options);
    }

    private static (HotSpotDocument[] Current, int Previous, double? Growth, bool Emerging)? Measure(HotSpotDocument[] current, int previous, bool compared, HotSpotOptions options)
    {
        if (current.Length < options.MinSize)
        {
            return null;
        }

        if (!compared)
        {
            return (current, previous, null, false);
        }

        var growth = previous > 0 ? (double?)current.Length / previous : null;
        return (current, previous, growth, previous == 0 || current.Length >= options.EmergingGrowth * previous);
    }
}
