using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Hotline.Domain.Chat;
using Hotline.Infrastructure.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.SignalR;

namespace Hotline.Features.Chat;

/// <summary>An agent's availability for conversations, shown to the citizens and to the other agents.</summary>
public enum AgentAvailability
{
    Online,
    Away,
}

/// <summary>
/// Who of the agents is online or away: kept in this node's memory and refreshed by the workbench's screen every minute;
/// an agent not seen for <see cref="ChatRules.PresenceLifetime"/> counts as gone. Nothing of it needs to survive a restart.
/// </summary>
public sealed class AgentPresence(TimeProvider time)
{
    private readonly ConcurrentDictionary<long, (AgentAvailability Availability, DateTime SeenUtc)> _agents = new();

    public void Set(long userId, AgentAvailability availability) => _agents[userId] = (availability, time.GetUtcNow().UtcDateTime);

    public AgentAvailability? Of(long userId) =>
        _agents.TryGetValue(userId, out var a) && a.SeenUtc > time.GetUtcNow().UtcDateTime - ChatRules.PresenceLifetime ? a.Availability : null;

    public (int Online, int Away) Counts()
    {
        var since = time.GetUtcNow().UtcDateTime - ChatRules.PresenceLifetime;
        var live = _agents.Values.Where(a => a.SeenUtc > since).ToList();
        return (live.Count(a => a.Availability == AgentAvailability.Online), live.Count(a => a.Availability == AgentAvailability.Away));
    }
}

/// <summary>
/// The citizen's proofs, both the data-protection key ring's: the conversation key (header <c>X-Chat-Key</c>, names the one
/// conversation the browser started) and the hub ticket, a one-use proof valid for a minute, traded for the key so that
/// neither the key nor the citizen token ever stands in a URL (a WebSocket cannot carry a header from a browser).
/// </summary>
public sealed class ChatKeys(IDataProtectionProvider protection, TimeProvider time)
{
    public const string KeyHeader = "X-Chat-Key";

    public static readonly TimeSpan TicketLifetime = TimeSpan.FromMinutes(1);

    private readonly IDataProtector _keys = protection.CreateProtector("Hotline.Chat.Key.v1");

    private readonly IDataProtector _tickets = protection.CreateProtector("Hotline.Chat.Ticket.v1");

    private readonly ConcurrentDictionary<string, DateTime> _usedTickets = new();

    public string KeyFor(long conversationId) => _keys.Protect(conversationId.ToString(CultureInfo.InvariantCulture));

    /// <summary>The conversation the request's key names, or null.</summary>
    public long? ConversationOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var key = http.Request.Headers[KeyHeader].ToString();
        return string.IsNullOrEmpty(key) || key.Length > 500 ? null : Unprotect(_keys, key, out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    public (string Ticket, DateTimeOffset ExpiresAt) TicketFor(long conversationId)
    {
        var expires = time.GetUtcNow() + TicketLifetime;
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var payload = string.Create(CultureInfo.InvariantCulture, $"{conversationId}|{expires.UtcTicks}|{nonce}");
        return (_tickets.Protect(payload), expires);
    }

    /// <summary>The conversation of a ticket, once: a used, expired or forged ticket gives null.</summary>
    public long? Redeem(string? ticket)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (string.IsNullOrEmpty(ticket) || ticket.Length > 500 || !Unprotect(_tickets, ticket, out var text))
        {
            return null;
        }

        var parts = text.Split('|');
        if (parts.Length != 3 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var id) || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var ticks))
        {
            return null;
        }

        var expires = new DateTime(ticks, DateTimeKind.Utc);
        foreach (var (used, until) in _usedTickets)
        {
            if (until < now)
            {
                _usedTickets.TryRemove(used, out _);
            }
        }

        return now < expires && _usedTickets.TryAdd(parts[2], expires) ? id : null;
    }

    private static bool Unprotect(IDataProtector protector, string value, out string text)
    {
        try
        {
            text = protector.Unprotect(value);
            return true;
        }
        catch (CryptographicException)
        {
            text = string.Empty;
            return false;
        }
    }
}

/// <summary>
/// The citizen's live channel (<c>/hubs/chat</c>, anonymous to the staff scheme): the connection redeems its one-use ticket
/// (query <c>ticket</c>) and hears about its own conversation only. Pushes carry no data, only "reload": the citizen
/// reads the transcript through the same endpoint after a reconnect, so nothing is lost when a server restarts. A new
/// connection is told to reload once it has joined, so nothing saved between the page's read and the join is missed.
/// </summary>
public sealed class CitizenChatHub(ChatKeys keys) : Hub
{
    public const string ChangedMethod = "conversationChanged";

    public static string GroupFor(long conversationId) => "chat:" + conversationId.ToString(CultureInfo.InvariantCulture);

    public override async Task OnConnectedAsync()
    {
        var ticket = Context.GetHttpContext()?.Request.Query["ticket"].ToString();
        if (keys.Redeem(ticket) is not { } id)
        {
            Context.Abort();
            return;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupFor(id));

        // The page read the transcript before this connection joined its conversation: an agent's reply saved in between
        // pushed to no one. One "reload" to the new connection, once it has joined, closes that gap.
        await Clients.Caller.SendAsync(ChangedMethod, id);
        await base.OnConnectedAsync();
    }
}

/// <summary>The agents' live channel (<c>/hubs/chat-agents</c>): the queue changed, or one of my conversations did.</summary>
public sealed class AgentChatHub : Hub
{
    public const string QueueMethod = "chatQueueChanged";

    public const string ChangedMethod = "conversationChanged";

    public const string AgentsGroup = "chat-agents";

    public static string GroupFor(long userId) => "chat-agent:" + userId.ToString(CultureInfo.InvariantCulture);

    public override async Task OnConnectedAsync()
    {
        var user = Context.User ?? throw new HubException("The connection has no user.");
        var id = long.Parse(user.FindFirst(HotlineClaims.UserId)!.Value, CultureInfo.InvariantCulture);
        await Groups.AddToGroupAsync(Context.ConnectionId, AgentsGroup);
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupFor(id));
        await base.OnConnectedAsync();
    }
}

/// <summary>Tells both sides that a conversation or the queue changed (after the change is saved).</summary>
public sealed class ChatPush(IHubContext<CitizenChatHub> citizens, IHubContext<AgentChatHub> agents)
{
    public async Task ChangedAsync(Conversation conversation, bool queueChanged = false)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        await citizens.Clients.Group(CitizenChatHub.GroupFor(conversation.Id)).SendAsync(CitizenChatHub.ChangedMethod, conversation.Id);
        if (conversation.AgentUserId is { } agent)
        {
            await agents.Clients.Group(AgentChatHub.GroupFor(agent)).SendAsync(AgentChatHub.ChangedMethod, conversation.Id);
        }

        if (queueChanged)
        {
            await QueueChangedAsync();
        }
    }

    /// <summary>Every waiting citizen's position may have moved, and every agent's queue.</summary>
    public async Task QueueChangedAsync()
    {
        await agents.Clients.Group(AgentChatHub.AgentsGroup).SendAsync(AgentChatHub.QueueMethod);
        await citizens.Clients.All.SendAsync(CitizenChatHub.ChangedMethod, 0L);
    }
}
