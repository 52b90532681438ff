using Hotline.Domain.Dispatch;
using Hotline.Domain.Organisation;

namespace Hotline.Seeding.History;

/// <summary>
/// Incidents (突发事件): now and then a compound's water, power, gas or heating fails, or a site makes noise, smoke or
/// dirt for a few days, and several residents call about the same thing. About one order in <see cref="StartOneIn"/> of
/// such a matter starts an incident and is its first report; the incident then lends its compound, street, category
/// and fact to the first order registered after each of its report times: 6 to 25 reports over one to four days. The
/// hot-spot job finds them as event hot spots (emerging issues when recent); the generator's other orders fall at random
/// compounds, so without incidents a demo's event hot spots would only be chance.
/// </summary>
public sealed class HistoryIncidents(Random random)
{
    /// <summary>The matters (second-level categories) an incident can be: failures and nuisances of one place.</summary>
    private static readonly string[] Matters = ["0801", "0802", "0803", "0804", "0201", "0202", "0203", "0103", "0105", "0903"];

    /// <summary>One order in this many of an incident's matters starts one.</summary>
    public const int StartOneIn = 100;

    private readonly List<Incident> _active = [];

    /// <summary>One incident: what it is about, where, and its reports still to come.</summary>
    public sealed class Incident(Category category, Unit street, string place, int fact, DateTime startUtc, TimeSpan step, int reports)
    {
        public Category Category { get; } = category;

        public Unit Street { get; } = street;

        public string Place { get; } = place;

        public int Fact { get; } = fact;

        public DateTime NextAtUtc { get; private set; } = startUtc + step;

        public int Remaining { get; private set; } = reports - 1;

        public void Reported()
        {
            NextAtUtc += step;
            Remaining--;
        }
    }

    /// <summary>The incident whose next report is due by this time (counted as reported now), or null.</summary>
    public Incident? Due(DateTime registeredAtUtc)
    {
        var due = _active.FirstOrDefault(i => i.NextAtUtc <= registeredAtUtc);
        if (due is not null)
        {
            due.Reported();
            if (due.Remaining == 0)
            {
                _active.Remove(due);
            }
        }

        return due;
    }

    /// <summary>An incident of this category starting with this order, drawn one time in <see cref="StartOneIn"/> for its matters; else null.</summary>
    public Incident? Start(DateTime registeredAtUtc, Category category, IReadOnlyList<Unit> streets)
    {
        if (!Matters.Contains(Category.MatterOf(category.Code), StringComparer.Ordinal) || random.Next(StartOneIn) != 0)
        {
            return null;
        }

        var reports = 6 + random.Next(20);
        var span = TimeSpan.FromHours(24 + random.Next(72));
        var incident = new Incident(category, streets[random.Next(streets.Count)], HistoryTexts.Compound(random), random.Next(8), registeredAtUtc, span / reports, reports);
        _active.Add(incident);
        return incident;
    }
}
