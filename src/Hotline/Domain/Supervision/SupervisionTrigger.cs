using System.Globalization;

namespace Hotline.Domain.Supervision;

/// <summary>
/// One supervision trigger (督办触发条件, S8) as data: which source kind finds its subjects, with which parameters, and
/// the terms a notice opened from one of its proposals starts with. A new trigger of an existing kind is a new row;
/// only a new kind of source needs code (one small class). Administrators and the centre manager enable, disable and
/// tune them.
/// </summary>
public sealed class SupervisionTrigger
{
    private SupervisionTrigger()
    {
        Code = Name = SourceKind = DefaultDemand = string.Empty;
    }

    public long Id { get; private set; }

    /// <summary>The trigger's code, copied onto proposals and notices ("red-light", "slow-sign").</summary>
    public string Code { get; private set; }

    /// <summary>The name supervisors read (zh-CN).</summary>
    public string Name { get; private set; }

    /// <summary>Which source finds the subjects (<see cref="TriggerSourceKinds"/>).</summary>
    public string SourceKind { get; private set; }

    /// <summary>The source's parameters by name (thresholds): see <see cref="TriggerSourceKinds.Parameters"/>.</summary>
    public Dictionary<string, string?> Parameters { get; private set; } = [];

    public bool Enabled { get; private set; }

    public SupervisionMethod DefaultMethod { get; private set; }

    public int DefaultDeadlineWorkingDays { get; private set; }

    public string DefaultDemand { get; private set; }

    public long Version { get; private set; }

    /// <summary>A trigger made in code (tests, benchmarks); the platform's own are seeded by the migration.</summary>
    public static SupervisionTrigger Create(
        string code, string name, string sourceKind, Dictionary<string, string?> parameters, bool enabled, SupervisionMethod method, int days, string demand)
    {
        var trigger = new SupervisionTrigger { Code = code, Name = name, SourceKind = sourceKind };
        trigger.Change(enabled, parameters, method, days, demand);
        return trigger;
    }

    /// <summary>Enables or disables the trigger and changes its thresholds and default terms, each checked.</summary>
    public void Change(bool enabled, IReadOnlyDictionary<string, string?> parameters, SupervisionMethod method, int days, string? demand)
    {
        var errors = TriggerSourceKinds.Check(SourceKind, parameters);
        if (days is < 1 or > NoticeTerms.MaxWorkingDays)
        {
            errors["defaultDeadlineWorkingDays"] = [$"Give between 1 and {NoticeTerms.MaxWorkingDays} working days."];
        }

        if (!Enum.IsDefined(method))
        {
            errors["defaultMethod"] = ["Choose a method."];
        }

        if (string.IsNullOrWhiteSpace(demand))
        {
            errors["defaultDemand"] = ["Say what the unit must do."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        Enabled = enabled;
        Parameters = parameters.ToDictionary(p => p.Key, p => p.Value?.Trim());
        DefaultMethod = method;
        DefaultDeadlineWorkingDays = days;
        DefaultDemand = demand!.Trim();
    }

    /// <summary>A whole-number parameter (the source kinds' thresholds), or <paramref name="fallback"/>.</summary>
    public int IntParameter(string name, int fallback) =>
        Parameters.GetValueOrDefault(name) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>A decimal parameter, or <paramref name="fallback"/>.</summary>
    public decimal DecimalParameter(string name, decimal fallback) =>
        Parameters.GetValueOrDefault(name) is { } text && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>The terms a notice opened from one of its proposals starts with; the supervisor may change each.</summary>
    public NoticeTerms DefaultTerms(string reason) => new(Code, reason, DefaultDemand, DefaultDeadlineWorkingDays, DefaultMethod);
}

/// <summary>
/// The kinds of source a trigger can read, and the parameters each takes. Each kind is one small class on the server
/// (Features/Supervision/Proposals); a trigger names one kind and gives it parameters.
/// </summary>
public static class TriggerSourceKinds
{
    /// <summary>Open orders whose light is at least <c>light</c> (Yellow or Red).</summary>
    public const string OrderLight = "order-light";

    /// <summary>Open orders reopened by a redo at least <c>minRedoCount</c> times.</summary>
    public const string OrderRedo = "order-redo";

    /// <summary>Open orders repeating a demand already closed (<c>IsRepeatAfterClosure</c>).</summary>
    public const string OrderRepeat = "order-repeat";

    /// <summary>Orders dispatched more than <c>workingDays</c> working days ago and not signed.</summary>
    public const string OrderUnsigned = "order-unsigned";

    /// <summary>Orders whose lateness the centre judged without good reason (issue 15), until archived.</summary>
    public const string OrderLateness = "order-lateness";

    /// <summary>Articles whose published version is past its expiry date (or was expired by the expiry job).</summary>
    public const string KnowledgeExpired = "knowledge-expired";

    /// <summary>Articles with at least <c>minOpenReports</c> open error reports.</summary>
    public const string KnowledgeErrorReports = "knowledge-error-reports";

    /// <summary>Units whose named <c>figure</c> is <c>below</c> or <c>above</c> a threshold; read from <c>IUnitFigureSource</c> (the assessment issue).</summary>
    public const string UnitFigure = "unit-figure";

    /// <summary>The parameters each kind takes: name → whether it is a number (true) or a name (false).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>> Parameters = new Dictionary<string, IReadOnlyDictionary<string, bool>>
    {
        [OrderLight] = new Dictionary<string, bool> { ["light"] = false },
        [OrderRedo] = new Dictionary<string, bool> { ["minRedoCount"] = true },
        [OrderRepeat] = new Dictionary<string, bool>(),
        [OrderUnsigned] = new Dictionary<string, bool> { ["workingDays"] = true },
        [OrderLateness] = new Dictionary<string, bool>(),
        [KnowledgeExpired] = new Dictionary<string, bool>(),
        [KnowledgeErrorReports] = new Dictionary<string, bool> { ["minOpenReports"] = true },
        [UnitFigure] = new Dictionary<string, bool> { ["figure"] = false, ["below"] = true, ["above"] = true },
    };

    /// <summary>The field-named errors of <paramref name="parameters"/> for <paramref name="kind"/> (empty when they are good).</summary>
    public static Dictionary<string, string[]> Check(string kind, IReadOnlyDictionary<string, string?> parameters)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Parameters.TryGetValue(kind, out var known))
        {
            errors["sourceKind"] = ["Unknown source kind."];
            return errors;
        }

        foreach (var (name, value) in parameters)
        {
            if (!known.TryGetValue(name, out var numeric))
            {
                errors[$"parameters.{name}"] = ["This source kind takes no such parameter."];
            }
            else if (numeric && (!decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) || number < 0 || number > 1_000_000))
            {
                errors[$"parameters.{name}"] = ["Give a number between 0 and 1000000."];
            }
            else if (!numeric && (string.IsNullOrWhiteSpace(value) || value.Length > SupervisionLimits.Trigger))
            {
                errors[$"parameters.{name}"] = ["Give a name."];
            }
        }

        if (kind == OrderLight && parameters.GetValueOrDefault("light") is { } light && light is not ("Yellow" or "Red"))
        {
            errors["parameters.light"] = ["Give Yellow or Red."];
        }

        if (kind == OrderUnsigned && parameters.GetValueOrDefault("workingDays") is { } days && !int.TryParse(days, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            errors["parameters.workingDays"] = ["Give a whole number of working days."];
        }

        return errors;
    }
}
