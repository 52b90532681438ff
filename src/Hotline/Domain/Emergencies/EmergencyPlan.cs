using Hotline.Domain.Organisation;

namespace Hotline.Domain.Emergencies;

/// <summary>A unit an emergency plan alerts, with whom to phone there (a duty office and its number).</summary>
public sealed record EmergencyPlanUnit(long UnitId, string UnitName, string Contact);

/// <summary>
/// One entry of the emergency plan catalogue (应急预案, S4 and issue 15): emergencies of this category (and its
/// sub-categories) are sent to the lead unit with these co-units, and the dispatcher phones their contacts. Dispatching an
/// emergency proposes the plan's units; the longest category prefix wins.
/// </summary>
public sealed class EmergencyPlan
{
    /// <summary>The most co-units one plan names.</summary>
    public const int MaxCoUnits = 10;

    private EmergencyPlan()
    {
        CategoryCode = Name = LeadUnitName = LeadContact = string.Empty;
    }

    public long Id { get; private set; }

    public string CategoryCode { get; private set; }

    public string Name { get; private set; }

    public long LeadUnitId { get; private set; }

    public string LeadUnitName { get; private set; }

    /// <summary>Whom to phone at the lead unit (its duty office and number): a unit's contact, never a caller's.</summary>
    public string LeadContact { get; private set; }

    public List<EmergencyPlanUnit> CoUnits { get; private set; } = [];

    public long Version { get; private set; }

    public static EmergencyPlan Create(string categoryCode, string name, Unit lead, string leadContact, IReadOnlyList<(Unit Unit, string Contact)> coUnits)
    {
        var plan = new EmergencyPlan();
        plan.Update(categoryCode, name, lead, leadContact, coUnits);
        return plan;
    }

    public void Update(string categoryCode, string name, Unit lead, string leadContact, IReadOnlyList<(Unit Unit, string Contact)> coUnits)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = ["Name the plan."];
        }

        if (string.IsNullOrWhiteSpace(leadContact))
        {
            errors["leadContact"] = ["Say whom to phone at the lead unit."];
        }

        if (coUnits.Count > MaxCoUnits || coUnits.Any(c => c.Unit.Id == lead.Id) || coUnits.Select(c => c.Unit.Id).Distinct().Count() != coUnits.Count)
        {
            errors["coUnits"] = [$"Name at most {MaxCoUnits} co-units, each once and not the lead unit."];
        }
        else if (coUnits.Any(c => string.IsNullOrWhiteSpace(c.Contact)))
        {
            errors["coUnits"] = ["Say whom to phone at each co-unit."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        CategoryCode = categoryCode;
        Name = name.Trim();
        LeadUnitId = lead.Id;
        LeadUnitName = lead.Name;
        LeadContact = leadContact.Trim();
        CoUnits = [.. coUnits.Select(c => new EmergencyPlanUnit(c.Unit.Id, c.Unit.Name, c.Contact.Trim()))];
    }

    /// <summary>The plan for a category among <paramref name="plans"/>: the longest category prefix that matches, or null.</summary>
    public static EmergencyPlan? For(IEnumerable<EmergencyPlan> plans, string categoryCode) =>
        plans.Where(p => categoryCode.StartsWith(p.CategoryCode, StringComparison.Ordinal)).OrderByDescending(p => p.CategoryCode.Length).FirstOrDefault();
}
