using Hotline.Text;
using Hotline.Text.Entities;

namespace Hotline.Bench.SmartDispatch;

/// <summary>A labelled pair of messages: the later one (<paramref name="B"/>) repeats the earlier (<paramref name="A"/>) or not.</summary>
internal sealed record LabelledPair(int A, int B, bool SameEvent, string Kind, string Entity, bool Holdout);

/// <summary>
/// The repeat evaluation set made from the shared gov-messages data at run time (never stored in the repository): the
/// rules are docs/repeat-labelling.md. Messages that name the same recurring entity are paired; a pair is the same event
/// when it also has the same matter and the same department, a different event when the matter differs (hard negative:
/// same entity, different matter); pairs of the same matter and department naming different entities are the other
/// hard negative. Messages carry no dates: each event gets a deterministic day of a year, its messages fall within the 30
/// days after it, and a message of no event gets a day of its own.
/// </summary>
internal sealed class RepeatEvaluationSet
{
    /// <summary>Matter groups: the words that say what a message is about (the first group with most hits wins).</summary>
    private static readonly (string Matter, string[] Words)[] Matters =
    [
        ("noise", ["噪音", "噪声", "扰民", "吵"]),
        ("expropriation", ["拆迁", "征收", "征地", "补偿", "安置"]),
        ("wages", ["工资", "欠薪", "拖欠", "农民工"]),
        ("property-management", ["物业"]),
        ("title-deeds", ["房产证", "不动产", "产权证", "办证", "网签"]),
        ("building-quality", ["漏水", "裂缝", "渗水", "质量问题", "墙体"]),
        ("illegal-building", ["违建", "违章", "违法建设", "乱搭", "私建"]),
        ("pollution", ["污染", "排放", "粉尘", "异味", "臭", "废水", "污水", "油烟", "废气"]),
        ("school-admission", ["招生", "入学", "学位", "划片", "择校"]),
        ("fees", ["收费", "乱收费", "补课费", "学费"]),
        ("utilities", ["停水", "停电", "断电", "燃气", "供水", "水压"]),
        ("roads-traffic", ["红绿灯", "堵车", "公交", "修路", "路面", "道路"]),
        ("social-insurance", ["社保", "医保", "养老", "保险"]),
        ("medical", ["医疗", "看病", "医生", "手术", "药"]),
        ("fraud", ["诈骗", "传销", "集资", "退款", "骗"]),
        ("safety", ["安全隐患", "隐患", "消防", "危险"]),
        ("teachers", ["教师", "老师", "编制"]),
        ("delivery", ["交房", "延期", "逾期"]),
    ];

    public required IReadOnlyList<string> Texts { get; init; }

    public required IReadOnlyList<string> Labels { get; init; }

    public required DateTimeOffset[] Times { get; init; }

    public required IReadOnlyList<LabelledPair> Pairs { get; init; }

    public int RecurringEntities { get; init; }

    /// <summary>Each message's labelled event ("entity|matter|department"), or null for a message of no recurring event.</summary>
    public required IReadOnlyList<string?> Events { get; init; }

    /// <summary>
    /// Each message's event as the same-event pairs join them (rule 9 of docs/repeat-labelling.md): the messages linked by a
    /// chain of same-event pairs, named by their commonest <see cref="Events"/> key and their first message
    /// ("key#index"); null for a message in no same-event pair.
    /// </summary>
    public required IReadOnlyList<string?> PairEvents { get; init; }

    public static RepeatEvaluationSet Build(List<LabelledText> messages, EntityExtractor extractor)
    {
        var texts = messages.Select(m => m.Text).ToArray();
        var labels = messages.Select(m => m.Label).ToArray();
        var places = texts.Select(PlacesOf).ToArray();
        var extracted = texts.Select(t => extractor.Extract(t).Where(e => e.Kind is not (EntityKind.Region or EntityKind.Unit))
            .Where(e => RepeatEvaluationNames.Classify(e.Name) != NameKind.NotAName).ToArray()).ToArray();
        var names = extracted.Select(e => e.Select(x => x.Name).Distinct(StringComparer.Ordinal).ToArray()).ToArray();

        // A hospital treats thousands: two messages about it are one event only when they are about one patient, which the
        // rules cannot tell, so a pair joined by a hospital alone is not labelled (rule 4).
        var hospitals = extracted.SelectMany(e => e).Where(e => e.Kind == EntityKind.Hospital).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);

        // The things a message names: a specific name as it is, a generic one with each place code the message names ("实验中学@L4县").
        var entities = Enumerable.Range(0, texts.Length).Select(i => names[i].SelectMany(n => RepeatEvaluationNames.Classify(n) == NameKind.Specific
            ? [n]
            : places[i].Order(StringComparer.Ordinal).Select(p => $"{n}@{p}")).ToArray()).ToArray();
        var matters = texts.Select(MatterOf).ToArray();
        var years = texts.Select(YearsOf).ToArray();
        var counts = entities.SelectMany(e => e).GroupBy(e => e, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        bool Recurring(string e) => counts[e] is >= 2 and <= 60;

        // Each message's event: its rarest recurring entity, its matter and its department.
        var events = Enumerable.Range(0, texts.Length).Select(i =>
            matters[i] is { } matter && entities[i].Where(Recurring).OrderBy(e => counts[e]).ThenBy(e => e, StringComparer.Ordinal).FirstOrDefault() is { } entity
                ? $"{entity}|{matter}|{labels[i]}"
                : null).ToArray();
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var times = Enumerable.Range(0, texts.Length).Select(i =>
        {
            var day = events[i] is { } key ? (Hash(key) % 335) + (Hash($"m{i}") % 30) : Hash($"m{i}") % 365;
            return start.AddDays(day).AddMinutes(Hash($"t{i}") % 1440);
        }).ToArray();

        var pairs = new List<LabelledPair>();
        var byEntity = Enumerable.Range(0, texts.Length).SelectMany(i => entities[i].Where(Recurring).Select(e => (Entity: e, Message: i)))
            .GroupBy(p => p.Entity, StringComparer.Ordinal);
        var seen = new HashSet<(int, int)>();
        foreach (var group in byEntity)
        {
            var hospital = hospitals.Contains(group.Key.Split('@')[0]);
            var members = group.Select(p => p.Message).Distinct().ToArray();
            foreach (var a in members)
            {
                foreach (var b in members)
                {
                    // The anonymised place codes ("D11市", "A7县") the two name: a shared name in two other places is two things.
                    var samePlace = places[a].Count == 0 || places[b].Count == 0 || places[a].Overlaps(places[b]);
                    if (a >= b || matters[a] is null || matters[b] is null || (hospital && samePlace) || !seen.Add((a, b)))
                    {
                        continue;
                    }

                    // Both date what they report, in different years (a recruitment of 2013 and one of 2015): two events.
                    var sameYears = years[a].Count == 0 || years[b].Count == 0 || years[a].Overlaps(years[b]);
                    var same = samePlace && sameYears && matters[a] == matters[b] && labels[a] == labels[b];
                    var kind = same ? "same-event"
                        : !samePlace ? "same-name-other-place"
                        : matters[a] == matters[b] && labels[a] == labels[b] ? "same-entity-other-year"
                        : "same-entity-other-matter";
                    pairs.Add(Ordered(a, b, same, kind, group.Key));
                }
            }
        }

        // A generic name in two places both name, none shared ("实验中学" of L4县 and of A7县): two things.
        var byGeneric = Enumerable.Range(0, texts.Length)
            .SelectMany(i => names[i].Where(n => RepeatEvaluationNames.Classify(n) == NameKind.Generic && places[i].Count > 0).Select(n => (Name: n, Message: i)))
            .GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() <= 60);
        foreach (var group in byGeneric)
        {
            var members = group.Select(p => p.Message).Distinct().ToArray();
            foreach (var a in members)
            {
                foreach (var b in members)
                {
                    if (a < b && matters[a] is not null && matters[b] is not null && !places[a].Overlaps(places[b]) && seen.Add((a, b)))
                    {
                        pairs.Add(Ordered(a, b, false, "same-name-other-place", group.Key));
                    }
                }
            }
        }

        // Same matter and department, different entities (both name one, none shared): a deterministic sample as large as the positives.
        var positives = pairs.Count(p => p.SameEvent);
        var withEntity = Enumerable.Range(0, texts.Length).Where(i => matters[i] is not null && entities[i].Length > 0).ToArray();
        var random = new Random(19);
        var tries = 0;
        var added = 0;
        while (added < positives && tries++ < positives * 200)
        {
            var a = withEntity[random.Next(withEntity.Length)];
            var b = withEntity[random.Next(withEntity.Length)];
            if (a == b || matters[a] != matters[b] || labels[a] != labels[b] || entities[a].Intersect(entities[b]).Any() || names[a].Intersect(names[b]).Any() || !seen.Add((Math.Min(a, b), Math.Max(a, b))))
            {
                continue;
            }

            pairs.Add(Ordered(a, b, false, "same-matter-other-entity", entities[a][0]));
            added++;
        }

        return new RepeatEvaluationSet { Texts = texts, Labels = labels, Times = times, Pairs = pairs, Events = events, PairEvents = Joined(pairs, events), RecurringEntities = counts.Count(c => Recurring(c.Key)) };

        LabelledPair Ordered(int a, int b, bool same, string kind, string entity) =>
            times[a] <= times[b] ? new LabelledPair(a, b, same, kind, entity, Hash(entity) % 5 == 0) : new LabelledPair(b, a, same, kind, entity, Hash(entity) % 5 == 0);
    }

    /// <summary>The messages the same-event pairs link, directly or through others, as one event each (union-find).</summary>
    private static string?[] Joined(List<LabelledPair> pairs, string?[] events)
    {
        var parent = Enumerable.Range(0, events.Length).ToArray();
        int Root(int i) => parent[i] == i ? i : parent[i] = Root(parent[i]);
        foreach (var p in pairs.Where(p => p.SameEvent))
        {
            var (a, b) = (Root(p.A), Root(p.B));
            parent[Math.Max(a, b)] = Math.Min(a, b);
        }

        var joined = new string?[events.Length];
        foreach (var component in Enumerable.Range(0, events.Length).GroupBy(Root).Where(g => g.Count() >= 2))
        {
            var key = component.Select(i => events[i] ?? "-").GroupBy(e => e, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            foreach (var i in component)
            {
                joined[i] = $"{key}#{component.Key}";
            }
        }

        return joined;
    }

    /// <summary>The anonymised place codes a message names: a capital letter, digits, then 市, 县 or 区 ("D11市", "A7县").</summary>
    public static HashSet<string> PlacesOf(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text.ToUpperInvariant(), "[A-Z][0-9]+[市县区]").Select(m => m.Value)];

    /// <summary>The years a message names ("2013年", "2015届"): 1990 to 2029.</summary>
    public static HashSet<string> YearsOf(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, "(?<![0-9])(199[0-9]|20[0-2][0-9])(?=年|届)").Select(m => m.Value)];

    /// <summary>The matter group with most word hits, or null when no group's word occurs.</summary>
    public static string? MatterOf(string text)
    {
        string? best = null;
        var bestHits = 0;
        foreach (var (matter, words) in Matters)
        {
            var hits = words.Sum(w => Count(text, w));
            if (hits > bestHits)
            {
                best = matter;
                bestHits = hits;
            }
        }

        return best;
    }

    private static int Count(string text, string word)
    {
        var n = 0;
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + word.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    /// <summary>FNV-1a, so days and folds are the same on every machine.</summary>
    private static int Hash(string s)
    {
        var h = 2166136261u;
        foreach (var c in s)
        {
            h = (h ^ c) * 16777619u;
        }

        return (int)(h & 0x7FFFFFFF);
    }
}
