using System.Text.RegularExpressions;

namespace Hotline.Domain.QualityInspection;

/// <summary>The contact a quality inspection listens to (S14): the intake call that registered an order, or a callback.</summary>
public enum InspectionStage
{
    /// <summary>受理: the call in which an intake agent registered the order (phone orders only: there is a recording).</summary>
    Intake,

    /// <summary>回访: a callback in which the callback agent reached the citizen.</summary>
    Callback,
}

/// <summary>One line of a checklist: a code, the words the inspector reads and the points it is worth.</summary>
public sealed record ChecklistItem(string Code, string Name, decimal MaxPoints);

/// <summary>
/// The checklist (质检评分表) of one stage, versioned: the centre's quality inspectors or manager replace it as a whole, and
/// each inspection keeps the lines it was scored on, so a later change never rewrites a past score. The lines' points add
/// up to <see cref="Total"/>.
/// </summary>
public sealed class Checklist
{
    /// <summary>Every checklist adds up to 100 points.</summary>
    public const decimal Total = 100;

    /// <summary>A checklist has at most this many lines.</summary>
    public const int MaxItems = 20;

    /// <summary>A line's code: lower-case letters, digits and dashes.</summary>
    public const int CodeLength = 32;

    private static readonly Regex CodePattern = new("^[a-z0-9][a-z0-9-]{0,31}$", RegexOptions.CultureInvariant);

    private Checklist()
    {
        CreatedByName = string.Empty;
        Items = [];
    }

    public long Id { get; private set; }

    public InspectionStage Stage { get; private set; }

    public List<ChecklistItem> Items { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedByName { get; private set; }

    /// <summary>The lines a centre starts with, from common 12345 practice: service wording, attitude, the record, the answer, the outcome chosen, and efficiency for an intake call; the check of the result and a faithful record of the rating for a callback.</summary>
    public static IReadOnlyList<ChecklistItem> Defaults(InspectionStage stage) => stage == InspectionStage.Intake
        ?
        [
            new("wording", "服务用语规范（开头语、结束语、礼貌用语）", 10),
            new("attitude", "服务态度（耐心倾听、语气友好、不推诿）", 15),
            new("record", "诉求记录准确完整（时间、地点、事件、诉求要素齐全）", 25),
            new("answer", "答复准确（符合政策和知识库口径）", 20),
            new("outcome", "处置正确（直接答复、派单或不予受理选择得当，一次性告知）", 20),
            new("efficiency", "通话效率（控制时长、不冷场）", 10),
        ]
        :
        [
            new("wording", "服务用语规范（表明身份、说明来意、致谢）", 10),
            new("attitude", "服务态度（耐心、不诱导评价）", 20),
            new("verify", "核实办理情况（逐项核实承办单位答复）", 30),
            new("record", "如实记录评价和意见", 30),
            new("efficiency", "回访效率", 10),
        ];

    /// <summary>A new version of <paramref name="stage"/>'s checklist; every error names its line (<c>items[2].maxPoints</c>).</summary>
    public static Checklist Create(InspectionStage? stage, IReadOnlyList<ChecklistItem?>? items, string createdBy, DateTime nowUtc)
    {
        var errors = new Dictionary<string, string[]>();
        if (stage is not { } s || !Enum.IsDefined(s))
        {
            errors["stage"] = ["Choose the stage: intake or callback."];
        }

        var lines = new List<ChecklistItem>();
        if (items is null || items.Count == 0 || items.Count > MaxItems)
        {
            errors["items"] = [$"Give 1 to {MaxItems} lines."];
        }
        else
        {
            var codes = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                var code = item?.Code?.Trim() ?? string.Empty;
                var name = item?.Name?.Trim() ?? string.Empty;
                if (!CodePattern.IsMatch(code))
                {
                    errors[$"items[{i}].code"] = ["A code is 1 to 32 lower-case letters, digits or dashes."];
                }
                else if (!codes.Add(code))
                {
                    errors[$"items[{i}].code"] = ["Each line has its own code."];
                }

                if (name.Length == 0)
                {
                    errors[$"items[{i}].name"] = ["Name the line."];
                }

                if (item is null || item.MaxPoints <= 0 || item.MaxPoints > Total || decimal.Round(item.MaxPoints, 1) != item.MaxPoints)
                {
                    errors[$"items[{i}].maxPoints"] = ["A line is worth more than 0 and at most 100 points, in tenths."];
                }

                lines.Add(new ChecklistItem(code, name, item?.MaxPoints ?? 0));
            }

            if (!errors.Keys.Any(k => k.StartsWith("items", StringComparison.Ordinal)) && lines.Sum(l => l.MaxPoints) != Total)
            {
                errors["items"] = [$"The lines add up to {lines.Sum(l => l.MaxPoints)} points; they must add up to {Total}."];
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return new Checklist { Stage = stage!.Value, Items = lines, CreatedAtUtc = nowUtc, CreatedByName = createdBy };
    }
}
