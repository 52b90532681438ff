using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.QualityInspection;

/// <summary>A contact that may be drawn: one timeline entry of an agent, with the order it belongs to.</summary>
public sealed record InspectionCandidate(
    long EventId, long WorkOrderId, string WorkOrderNumber, InspectionStage Stage, long AgentUserId, string AgentName, string AgentUnitPath, DateTime AtUtc, string? RecordingId);

/// <summary>An agent's quality figures for a period: how many of their contacts were scored, and the mean score.</summary>
public sealed record AgentQuality(long AgentUserId, int Scored, decimal? Score);

/// <summary>
/// The rules of sampling (抽样) and of an agent's quality score, written once (S14, S9):
/// <list type="bullet">
/// <item>the contacts of a stage are the <c>Register</c> entries of phone orders (the intake call) or the <c>Callback</c> entries
///   that reached the citizen, dated in the period, made by a person;</item>
/// <item>a sample takes up to <c>perAgent</c> contacts of each agent, at random, never one already inspected, so every agent is
///   heard and a busy agent is not heard more than a quiet one;</item>
/// <item>an agent's quality score for a period is the mean of their scored inspections whose contact is dated in it, to one
///   decimal (a fatal error counts as 0); no scored inspection, no score.</item>
/// </list>
/// </summary>
public static class InspectionSampling
{
    /// <summary>At most this many contacts per agent in one draw.</summary>
    public const int MaxPerAgent = 20;

    /// <summary>A draw covers at most this many days.</summary>
    public const int MaxDays = 92;

    /// <summary>The channel whose orders began with a call to listen to: the only intake contacts.</summary>
    public const Channel IntakeChannel = Channel.Phone;

    /// <summary>The timeline action whose entries are the contacts of <paramref name="stage"/>.</summary>
    public static WorkOrderAction ActionOf(InspectionStage stage) => stage == InspectionStage.Intake ? WorkOrderAction.Register : WorkOrderAction.Callback;

    /// <summary>Whether an entry of the stage's action is a contact to inspect: an intake call of a phone order, or a callback that reached the citizen.</summary>
    public static bool IsContact(InspectionStage stage, Channel channel, IReadOnlyDictionary<string, string?> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return stage == InspectionStage.Intake
            ? channel == IntakeChannel
            : facts.TryGetValue("reached", out var reached) && string.Equals(reached, "true", StringComparison.Ordinal);
    }

    /// <summary>Up to <paramref name="perAgent"/> contacts of each agent, chosen at random among those not yet inspected.</summary>
    public static IReadOnlyList<InspectionCandidate> Draw(IEnumerable<InspectionCandidate> contacts, IReadOnlySet<long> inspectedEventIds, int? perAgent, Random random)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        ArgumentNullException.ThrowIfNull(inspectedEventIds);
        ArgumentNullException.ThrowIfNull(random);
        if (perAgent is not (>= 1 and <= MaxPerAgent))
        {
            throw ValidationException.For("perAgent", $"Draw 1 to {MaxPerAgent} contacts per agent.");
        }

        var drawn = new List<InspectionCandidate>();
        foreach (var agent in contacts.Where(c => !inspectedEventIds.Contains(c.EventId)).GroupBy(c => c.AgentUserId).OrderBy(g => g.Key))
        {
            var pool = agent.OrderBy(c => c.EventId).ToArray();
            random.Shuffle(pool);
            drawn.AddRange(pool.Take(perAgent.Value).OrderBy(c => c.AtUtc));
        }

        return drawn;
    }

    /// <summary>Each agent's quality figures from their scored inspections' scores.</summary>
    public static IReadOnlyDictionary<long, AgentQuality> Scores(IEnumerable<(long AgentUserId, decimal Score)> scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        return scored.GroupBy(s => s.AgentUserId).ToDictionary(
            g => g.Key,
            g => new AgentQuality(g.Key, g.Count(), decimal.Round(g.Average(s => s.Score), 1, MidpointRounding.AwayFromZero)));
    }
}
