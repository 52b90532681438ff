using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Supervision;

/// <summary>Where a special report stands: drafted and edited by the centre, sent to a leader, instructed (签批) by the leader.</summary>
public enum SpecialReportState
{
    Draft,
    Sent,
    Instructed,
}

/// <summary>
/// A special report (专报, S8) on a supervision notice to a city leader: generated from the notice (facts, timeline, units,
/// measures, the orders by number and subject; never caller data), edited by the centre, sent to one leader. The leader's
/// written instruction (签批) is recorded here and executed as a supervision notice of its own (trigger
/// <see cref="InstructionTrigger"/>), opened in the name of the report's author, so it has a deadline, lights, an answer
/// and an acceptance; the report follows that notice until it is closed.
/// </summary>
public sealed class SpecialReport
{
    /// <summary>The trigger of the notice that carries out a leader's instruction.</summary>
    public const string InstructionTrigger = "leader-instruction";

    private SpecialReport()
    {
        NoticeNumber = UnitPath = Title = Body = CreatedByName = AuthorUnitName = AuthorScopePath = string.Empty;
    }

    public long Id { get; private set; }

    public long NoticeId { get; private set; }

    public string NoticeNumber { get; private set; }

    /// <summary>The notice's unit: the centre's scope over the report is its scope over this unit.</summary>
    public string UnitPath { get; private set; }

    public string Title { get; private set; }

    public string Body { get; private set; }

    public SpecialReportState State { get; private set; }

    public long CreatedByUserId { get; private set; }

    public string CreatedByName { get; private set; }

    public long AuthorUnitId { get; private set; }

    public string AuthorUnitName { get; private set; }

    /// <summary>The author's scope: the instruction's notice is opened in the author's name and within it.</summary>
    public string AuthorScopePath { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public long? SentToUserId { get; private set; }

    public string? SentToName { get; private set; }

    public DateTime? SentAtUtc { get; private set; }

    /// <summary>The leader's written instruction (签批).</summary>
    public string? InstructionText { get; private set; }

    public string? InstructedByName { get; private set; }

    public DateTime? InstructedAtUtc { get; private set; }

    public string? InstructionUnitName { get; private set; }

    /// <summary>The notice that carries out the instruction.</summary>
    public long? InstructionNoticeId { get; private set; }

    public long Version { get; private set; }

    internal SupervisionNotice? InstructionNotice { get; private set; }

    /// <summary>The author as the notice that executes the instruction records its opener.</summary>
    public Actor Author => new(CreatedByUserId, CreatedByName, new HashSet<Role> { Role.Supervisor }, AuthorUnitId, AuthorUnitName, new AccessScope(AuthorScopePath));

    /// <summary>Drafts a report on <paramref name="notice"/> from <paramref name="timeline"/>: the centre, within its scope.</summary>
    public static SpecialReport Draft(SupervisionNotice notice, IReadOnlyList<NoticeEvent> timeline, Actor author, DateTime nowUtc)
    {
        RequireCentre(author, notice.UnitPath);
        var (title, body) = SpecialReportText.Compose(notice, timeline);
        return new SpecialReport
        {
            NoticeId = notice.Id,
            NoticeNumber = notice.Number,
            UnitPath = notice.UnitPath,
            Title = title,
            Body = body,
            State = SpecialReportState.Draft,
            CreatedByUserId = author.UserId,
            CreatedByName = author.Name,
            AuthorUnitId = author.UnitId,
            AuthorUnitName = author.UnitName,
            AuthorScopePath = author.Scope.Path,
            CreatedAtUtc = nowUtc,
            UpdatedAtUtc = nowUtc,
        };
    }

    /// <summary>The centre edits the text until the report is sent.</summary>
    public void Edit(Actor author, string title, string body, DateTime nowUtc)
    {
        RequireCentre(author, UnitPath);
        RequireState(SpecialReportState.Draft, "edited");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(title))
        {
            errors["title"] = ["Give the report a title."];
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            errors["body"] = ["The report needs a body."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        Title = title.Trim();
        Body = body.Trim();
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>The centre sends the report to one leader (a user who holds <see cref="Role.Leader"/>).</summary>
    public void Send(Actor author, User? leader, DateTime nowUtc)
    {
        RequireCentre(author, UnitPath);
        RequireState(SpecialReportState.Draft, "sent");
        if (leader is null || !leader.IsActive || !leader.RoleSet.Contains(Role.Leader))
        {
            throw ValidationException.For("leaderUserId", "Choose an active leader.");
        }

        State = SpecialReportState.Sent;
        SentToUserId = leader.Id;
        SentToName = leader.DisplayName;
        SentAtUtc = nowUtc;
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>
    /// The terms of the notice that will carry out the leader's instruction, once the instruction is checked: the leader
    /// the report was sent to writes it, names a unit and gives a deadline in working days.
    /// </summary>
    public NoticeTerms InstructionTerms(Actor leader, string text, int? deadlineWorkingDays)
    {
        if (!IsAddressedTo(leader))
        {
            throw new ForbiddenException("special_report_not_addressee", "Only the leader the report was sent to instructs on it.");
        }

        RequireState(SpecialReportState.Sent, "instructed");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(text))
        {
            errors["text"] = ["Write the instruction."];
        }

        if (deadlineWorkingDays is not (>= 1 and <= NoticeTerms.MaxWorkingDays))
        {
            errors["deadlineWorkingDays"] = [$"Give between 1 and {NoticeTerms.MaxWorkingDays} working days."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return new NoticeTerms(InstructionTrigger, $"领导批示（专报：{Title}）", text.Trim(), deadlineWorkingDays!.Value, SupervisionMethod.Document);
    }

    /// <summary>Records the instruction with the notice opened to carry it out (same transaction as the notice).</summary>
    public void Instruct(Actor leader, string text, SupervisionNotice notice, DateTime nowUtc)
    {
        InstructionTerms(leader, text, notice.DeadlineWorkingDays);
        State = SpecialReportState.Instructed;
        InstructionText = text.Trim();
        InstructedByName = leader.Name;
        InstructedAtUtc = nowUtc;
        InstructionUnitName = notice.UnitName;
        InstructionNotice = notice;
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>The centre within its scope, and the leader it was sent to, see the report.</summary>
    public bool IsVisibleTo(Actor actor) =>
        (actor.Roles.Overlaps(EscalationChain.CentreRoles) && actor.Scope.Covers(UnitPath)) || IsAddressedTo(actor);

    private bool IsAddressedTo(Actor actor) => actor.Has(Role.Leader) && SentToUserId == actor.UserId;

    private static void RequireCentre(Actor actor, string unitPath)
    {
        if (!EscalationChain.ActsAt(actor, EscalationLevel.Centre, unitPath))
        {
            throw new ForbiddenException("special_report_centre_only", "Only the centre's supervisors write and send special reports.");
        }
    }

    private void RequireState(SpecialReportState state, string what)
    {
        if (State != state)
        {
            throw new DomainException("special_report_invalid_state", $"A report that is {State} cannot be {what}.");
        }
    }
}
