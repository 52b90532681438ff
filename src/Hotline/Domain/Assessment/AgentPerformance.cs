using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Assessment;

/// <summary>
/// One timeline entry as agent performance reads it: what was done, by whom, when, and for a send-back the agent who
/// registered the order (the one it is sent back to). For a callback, the facts the entry recorded.
/// </summary>
public sealed record AgentEntry(
    WorkOrderAction Action, long? ActorUserId, string ActorName, DateTime AtUtc, long? RegisteredByUserId, string? RegisteredByName,
    IReadOnlyDictionary<string, string?> Facts);

/// <summary>
/// One centre agent's figures for a period (S9, issue 17). <see cref="QualityScore"/> is the mean of the agent's scored
/// quality inspections (质检) of contacts in the period, <see cref="QualityInspections"/> how many there were
/// (<c>QualityInspection.InspectionSampling.Scores</c>); null when none was scored: the screen shows it as not yet measured.
/// </summary>
public sealed record AgentFigures(
    long UserId, string Name, int Registered, int AnsweredDirectly, int HandledDirectly, int NotAccepted, int SendBacksReceived,
    int CallbacksMade, int CallbacksReached, int CallbacksSatisfied, int CallbacksUnsatisfied, int CallbacksUnreachable, decimal? QualityScore = null,
    int QualityInspections = 0);

/// <summary>
/// The rules of counting agent performance, written once (S9). Every figure counts timeline entries dated inside the
/// period (local calendar, <see cref="AssessmentPeriod"/>), each credited to one agent:
/// <list type="bullet">
/// <item><b>registered</b> (登记): the agent's <c>Register</c> entries — every order they registered, whatever came of it;</item>
/// <item><b>answered directly</b> (直接答复): their <c>AnswerDirectly</c> entries; <b>handled directly</b> (直接办理): their <c>HandleDirectly</c> entries;</item>
/// <item><b>not accepted</b> (不予受理): their <c>RejectAtIntake</c> entries;</item>
/// <item><b>send-backs received</b> (被退回): the dispatchers' <c>SendBack</c> entries, credited to the agent who registered the order
///   (a send-back of an order sent back twice counts twice);</item>
/// <item><b>callbacks made</b> (回访): the agent's <c>Callback</c> entries; <b>reached</b>: those recording the citizen reached;
///   <b>unreachable</b>: those recording the citizen not reached (an attempt, not the order's 3-working-day verdict);
///   <b>unsatisfied</b>: reached with either rating unsatisfied (the order's own rule, <see cref="WorkOrder.CallbackUnsatisfied"/>);
///   <b>satisfied</b>: reached with neither rating unsatisfied (satisfied or basically satisfied).</item>
/// </list>
/// An entry without a user (the system) credits nobody.
/// </summary>
public static class AgentPerformance
{
    /// <summary>The actions whose entries are read (the query reads only these).</summary>
    public static readonly WorkOrderAction[] Actions =
    [
        WorkOrderAction.Register, WorkOrderAction.AnswerDirectly, WorkOrderAction.HandleDirectly, WorkOrderAction.RejectAtIntake,
        WorkOrderAction.SendBack, WorkOrderAction.Callback,
    ];

    /// <summary>The roles that read every agent's row in their scope.</summary>
    public static readonly Role[] Readers = [Role.TeamLeader, Role.SiteManager, Role.CentreManager, Role.QualityInspector];

    /// <summary>The roles whose members read their own row only.</summary>
    public static readonly Role[] OwnRowReaders = [Role.IntakeAgent, Role.CallbackAgent];

    /// <summary>Every role that may open agent performance (the policy).</summary>
    public static IEnumerable<Role> AllReaders => Readers.Concat(OwnRowReaders);

    /// <summary>True when <paramref name="viewer"/> sees only their own row.</summary>
    public static bool OwnRowOnly(Actor viewer) => !Readers.Any(viewer.Roles.Contains);

    /// <summary>The figures per agent, by name then id; an agent with no entry in the period has no row.</summary>
    public static IReadOnlyList<AgentFigures> Count(IEnumerable<AgentEntry> entries)
    {
        var rows = new Dictionary<long, Tally>();
        Tally For(long id, string name) => rows.TryGetValue(id, out var t) ? t : rows[id] = new Tally(id, name);

        foreach (var e in entries)
        {
            if (e.Action == WorkOrderAction.SendBack)
            {
                if (e.RegisteredByUserId is { } agent)
                {
                    For(agent, e.RegisteredByName ?? string.Empty).SendBacks++;
                }

                continue;
            }

            if (e.ActorUserId is not { } id)
            {
                continue;
            }

            var tally = For(id, e.ActorName);
            switch (e.Action)
            {
                case WorkOrderAction.Register: tally.Registered++; break;
                case WorkOrderAction.AnswerDirectly: tally.Answered++; break;
                case WorkOrderAction.HandleDirectly: tally.Handled++; break;
                case WorkOrderAction.RejectAtIntake: tally.NotAccepted++; break;
                case WorkOrderAction.Callback: tally.Callback(e.Facts); break;
            }
        }

        return rows.Values.Select(t => t.Figures()).OrderBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.UserId).ToList();
    }

    private sealed class Tally(long id, string name)
    {
        public int Registered, Answered, Handled, NotAccepted, SendBacks, Callbacks, Reached, Satisfied, Unsatisfied, Unreachable;

        public void Callback(IReadOnlyDictionary<string, string?> facts)
        {
            Callbacks++;
            if (!string.Equals(Fact(facts, "reached"), "true", StringComparison.Ordinal))
            {
                Unreachable++;
                return;
            }

            Reached++;
            var unsatisfied = Fact(facts, "processRating") == nameof(Rating.Unsatisfied) || Fact(facts, "resultRating") == nameof(Rating.Unsatisfied);
            if (unsatisfied)
            {
                Unsatisfied++;
            }
            else
            {
                Satisfied++;
            }
        }

        public AgentFigures Figures() => new(id, name, Registered, Answered, Handled, NotAccepted, SendBacks, Callbacks, Reached, Satisfied, Unsatisfied, Unreachable);

        private static string? Fact(IReadOnlyDictionary<string, string?> facts, string key) => facts.TryGetValue(key, out var v) ? v : null;
    }
}
