using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Chat;

/// <summary>
/// Issue 18, online customer service: who takes conversations, how long a message may be, when an idle conversation
/// closes, which words ask for a person, and what a citizen's queue position is.
/// </summary>
public static class ChatRules
{
    /// <summary>The longest message either side may send (the column's length too).</summary>
    public const int MessageLength = Limits.MediumText;

    /// <summary>A conversation nobody wrote in for this long is closed by the idle sweep (the default of <c>Chat:IdleMinutes</c>).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>A registration's claim on a conversation that was neither linked nor released (its node stopped) lapses after this.</summary>
    public static readonly TimeSpan RegistrationClaimLifetime = TimeSpan.FromMinutes(2);

    /// <summary>An agent who has not refreshed their availability for this long counts as gone.</summary>
    public static readonly TimeSpan PresenceLifetime = TimeSpan.FromMinutes(2);

    /// <summary>Who takes conversations: the roles that take calls and work the online intake queue (whoever may register).</summary>
    public static IReadOnlySet<Role> AgentRoles => WorkOrderTransitions.RolesFor(WorkOrderAction.Register);

    /// <summary>Who reads the hand-over figures: the agents' leaders and the centre's management.</summary>
    public static readonly IReadOnlySet<Role> FigureReaders = new HashSet<Role> { Role.TeamLeader, Role.SiteManager, Role.CentreManager, Role.QualityInspector };

    /// <summary>The conversations are the centre's (platform-wide scope), as the online intake queue is.</summary>
    public static bool SeesConversations(AccessScope scope) => scope is not null && scope.IsPlatformWide;

    /// <summary>
    /// Who reads the transcript kept with a work order (issue 18): whoever sees the order, by the order's scope; a unit
    /// does not read a confidential caller's own words, as it never sees a confidential caller.
    /// </summary>
    public static bool SeesTranscript(AccessScope scope, bool callerIsConfidential) => scope is not null && (scope.IsPlatformWide || !callerIsConfidential);

    /// <summary>The lines the citizen's tracking shows with the order: the citizen's, the assistant's and the agents' (as "客服").</summary>
    public static readonly IReadOnlyList<ChatSender> TrackingSenders = [ChatSender.Citizen, ChatSender.Assistant, ChatSender.Agent];

    /// <summary>The words with which a citizen asks for a person instead of the assistant.</summary>
    public static readonly IReadOnlyList<string> PersonWords = ["转人工", "人工客服", "人工服务", "找人工", "真人"];

    public static bool AsksForPerson(string text) =>
        text is not null && PersonWords.Any(w => text.Contains(w, StringComparison.Ordinal));

    /// <summary>The citizen's place in the queue (1 = next): the conversations queued before it, plus one.</summary>
    public static int Position(int queuedBefore) => queuedBefore + 1;

    public static string Clip(string text, int length) =>
        text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");
}
