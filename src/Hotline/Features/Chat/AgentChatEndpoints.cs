using Hotline.Domain;
using Hotline.Domain.Chat;
using Hotline.Features.Intake;
using Hotline.Features.Knowledge;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Chat;

/// <summary>
/// The agents' side of online customer service (issue 18) under <c>/api/chat</c>: availability, the queue, take the next
/// conversation, answer with text or an article's citation, reveal the verified phone (recorded), the caller's history,
/// turn the conversation into a work order through the one registration path, close. An agent reads only the
/// conversations it took; the centre's scope only (a unit sees none, as it sees no online submission).
/// </summary>
public static class AgentChatEndpoints
{
    public static IEndpointRouteBuilder MapAgentChat(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/chat").WithTags("Chat").RequireAuthorization(Policies.OnlineChat);
        group.MapGet("/queue", Queue).WithSummary("Waiting conversations (oldest first) with positions, mine, and the agents' availability.");
        group.MapPost("/availability", SetAvailability).WithSummary("Online or away; the screen refreshes it every minute.");
        group.MapPost("/take-next", TakeNext).WithSummary("Take the conversation that has waited longest.");
        group.MapGet("/conversations/{id:long}", Get);
        group.MapPost("/conversations/{id:long}/messages", Write).WithSummary("Answer with text, or cite a knowledge article.");
        group.MapPost("/conversations/{id:long}/reveal", Reveal).WithSummary("The verified phone unmasked; recorded in the transcript's notes.");
        group.MapGet("/conversations/{id:long}/history", History).WithSummary("The verified phone's earlier work orders.");
        group.MapPost("/conversations/{id:long}/work-order", Register).WithSummary("Turn the conversation into a work order (the registration path).");
        group.MapPost("/conversations/{id:long}/close", Close);
        app.MapGet("/api/work-orders/{id:long}/chat", OrderTranscript).WithTags("Chat").RequireAuthorization(Policies.Staff)
            .WithSummary("The transcripts of the conversations that became this work order.");
        return app;
    }

    private static async Task<Ok<ChatQueueDto>> Queue(HotlineDbContext db, CurrentUser user, AgentPresence presence, CancellationToken ct)
    {
        var (online, away) = presence.Counts();
        if (!ChatRules.SeesConversations(user.Scope))
        {
            return TypedResults.Ok(new ChatQueueDto([], [], online, away, presence.Of(user.Id)));
        }

        var queued = await db.Set<Conversation>().AsNoTracking().Where(c => c.State == ConversationState.Queued)
            .OrderBy(c => c.QueuedAtUtc).ThenBy(c => c.Id).Take(100).ToListAsync(ct);
        var mine = await db.Set<Conversation>().AsNoTracking().Where(c => c.State == ConversationState.WithAgent && c.AgentUserId == user.Id)
            .OrderBy(c => c.TakenAtUtc).ToListAsync(ct);
        return TypedResults.Ok(new ChatQueueDto(
            queued.Select((c, i) => Row(c, ChatRules.Position(i))).ToList(), mine.Select(c => Row(c, 0)).ToList(), online, away, presence.Of(user.Id)));
    }

    private static Ok<ChatQueueDto> SetAvailability(AvailabilityRequest request, CurrentUser user, AgentPresence presence)
    {
        var availability = request.Availability ?? throw ValidationException.For("availability", "Choose online or away.");
        presence.Set(user.Id, availability);
        var (online, away) = presence.Counts();
        return TypedResults.Ok(new ChatQueueDto([], [], online, away, availability));
    }

    private static async Task<Ok<AgentConversationDto>> TakeNext(HotlineDbContext db, CurrentUser user, AgentPresence presence, ChatPush push, TimeProvider time, CancellationToken ct)
    {
        var next = ChatRules.SeesConversations(user.Scope)
            ? await db.Set<Conversation>().Where(c => c.State == ConversationState.Queued).OrderBy(c => c.QueuedAtUtc).ThenBy(c => c.Id).FirstOrDefaultAsync(ct)
            : null;
        if (next is null)
        {
            throw new DomainException("chat.queue_empty", "Nobody is waiting.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        next.Take(user.Id, user.DisplayName, now);
        db.Add(ChatMessage.Create(next.Id, ChatSender.System, ChatTexts.Taken, now));
        await db.SaveChangesAsync(ct); // the claim: a second agent taking the same one gets 409 on its version
        presence.Set(user.Id, AgentAvailability.Online);
        await push.ChangedAsync(next, queueChanged: true);
        return TypedResults.Ok(await ViewAsync(db, next, ct));
    }

    private static async Task<Ok<AgentConversationDto>> Get(long id, HotlineDbContext db, CurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(await ViewAsync(db, await FindAsync(db, user, id, ct), ct));

    private static async Task<Ok<AgentConversationDto>> Write(
        long id, AgentChatMessageRequest request, HotlineDbContext db, CurrentUser user, ChatPush push, TimeProvider time, CancellationToken ct)
    {
        var conversation = await FindAsync(db, user, id, ct);
        conversation.RequireWithAgent(user.Id);
        var now = time.GetUtcNow().UtcDateTime;
        var text = request.Text?.Trim();
        LiveArticle? article = null;
        if (request.ArticleId is { } articleId)
        {
            article = await KnowledgeLookup.FindLiveAsync(db, articleId, now, ct);
            if (article is not { IsCitizenVisible: true })
            {
                throw ValidationException.For("articleId", "Choose a published article the citizen may read.");
            }
        }

        if (string.IsNullOrEmpty(text) && article is null)
        {
            throw ValidationException.For("text", "Write an answer or choose an article.");
        }

        db.Add(ChatMessage.Create(conversation.Id, ChatSender.Agent, string.IsNullOrEmpty(text) ? ChatTexts.SeeArticle : text, now, article?.Id, article?.Title));
        await db.SaveChangesAsync(ct);
        await push.ChangedAsync(conversation);
        return TypedResults.Ok(await ViewAsync(db, conversation, ct));
    }

    private static async Task<Ok<ChatCaller>> Reveal(long id, ChatRevealRequest request, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var conversation = await FindAsync(db, user, id, ct);
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            throw ValidationException.For("reason", "Say why the full number is needed.");
        }

        db.Add(ChatMessage.Create(conversation.Id, ChatSender.Note, ChatTexts.Revealed(user.DisplayName, reason), time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ChatCaller(conversation.Phone ?? string.Empty));
    }

    private static async Task<Ok<CallerHistory>> History(long id, HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var conversation = await FindAsync(db, user, id, ct);
        return TypedResults.Ok(await CallerHistoryQuery.ForPhoneAsync(db, conversation.Phone ?? string.Empty, ct));
    }

    private static async Task<Created<ConversationRegistered>> Register(
        long id, ConversationRegisterRequest request, HotlineDbContext db, CurrentUser user, IntakeRegistration registration, ChatPush push, TimeProvider time,
        CancellationToken ct)
    {
        var expected = request.Version ?? throw ValidationException.For("version", "Give the version you saw.");
        var conversation = await FindAsync(db, user, id, ct);
        if (conversation.Version != expected)
        {
            throw new ConcurrencyConflictException("The conversation changed; reload it.");
        }

        // The claim first, under the version check, as the online intake queue's accept: a second agent or a second click
        // holding the same version gets 409 here, and one holding the new version finds the claim (409 chat.registering).
        db.ExpectVersion(conversation, expected);
        conversation.ClaimForRegistration(user.Id, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);

        // The channel and the caller are the conversation's: the portal's web channel and the verified phone.
        var order = request with
        {
            Channel = Domain.WorkOrders.Channel.Web,
            Caller = new CallerInput(request.Caller?.Name, conversation.Phone, request.Caller?.IsAnonymous ?? false, request.Caller?.IsConfidential ?? false),
        };
        Domain.WorkOrders.WorkOrder registered;
        try
        {
            (registered, _) = await registration.RegisterAsync(order, ct);
        }
        catch (Exception)
        {
            conversation.ReleaseRegistration();
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }

        conversation.RegisteredAs(registered.Id, registered.Number);
        db.Add(ChatMessage.Create(conversation.Id, ChatSender.System, ChatTexts.Registered(registered.Number), time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(CancellationToken.None); // the order exists: link it whatever the caller does now
        await push.ChangedAsync(conversation);
        return TypedResults.Created($"/api/work-orders/{registered.Id}", new ConversationRegistered(await ViewAsync(db, conversation, ct), registered.Id, registered.Number));
    }

    private static async Task<Ok<AgentConversationDto>> Close(long id, CloseConversationRequest request, HotlineDbContext db, CurrentUser user, ChatPush push, TimeProvider time, CancellationToken ct)
    {
        var expected = request.Version ?? throw ValidationException.For("version", "Give the version you saw.");
        var conversation = await FindAsync(db, user, id, ct);
        conversation.RequireWithAgent(user.Id);
        if (conversation.Version != expected)
        {
            throw new ConcurrencyConflictException("The conversation changed; reload it.");
        }

        db.ExpectVersion(conversation, expected);
        var now = time.GetUtcNow().UtcDateTime;
        conversation.Close(ConversationCloseReason.Agent, now);
        db.Add(ChatMessage.Create(conversation.Id, ChatSender.System, ChatTexts.Closed, now));
        await db.SaveChangesAsync(ct);
        await push.ChangedAsync(conversation);
        return TypedResults.Ok(await ViewAsync(db, conversation, ct));
    }

    private static async Task<Ok<List<AgentConversationDto>>> OrderTranscript(long id, WorkOrderCommands commands, HotlineDbContext db, CurrentUser user, CancellationToken ct)
    {
        var order = await commands.LoadVisibleAsync(id, ct); // the order's scope decides whether it exists for the caller
        if (!ChatRules.SeesTranscript(user.Scope, order.CallerIsConfidential))
        {
            return TypedResults.Ok(new List<AgentConversationDto>());
        }

        var conversations = await db.Set<Conversation>().AsNoTracking().Where(c => c.WorkOrderId == id).OrderBy(c => c.Id).ToListAsync(ct);
        var views = new List<AgentConversationDto>();
        foreach (var c in conversations)
        {
            // The citizen may have typed the verified phone (or the caller's name): masked as everywhere on the order.
            var view = await ViewAsync(db, c, ct, citizenSafe: true);
            views.Add(view with { Messages = view.Messages.Select(m => m with { Text = WorkOrderSearchSource.WithoutCaller(order, m.Text) }).ToList() });
        }

        return TypedResults.Ok(views);
    }

    /// <summary>Only the agent who took it (or, queued, nobody yet) reads a conversation; outside the centre's scope it does not exist.</summary>
    private static async Task<Conversation> FindAsync(HotlineDbContext db, CurrentUser user, long id, CancellationToken ct)
    {
        var conversation = ChatRules.SeesConversations(user.Scope) ? await db.Set<Conversation>().SingleOrDefaultAsync(c => c.Id == id, ct) : null;
        return conversation is not null && conversation.IsWith(user.Id)
            ? conversation
            : throw new NotFoundException("chat.not_found", "No such conversation.");
    }

    private static QueuedConversationDto Row(Conversation c, int position) => new(
        c.Id, position, Local(c.QueuedAtUtc ?? c.StartedAtUtc), c.HandoverReason, ChatText.MaskedPhone(c.Phone));

    private static DateTimeOffset Local(DateTime utc) => WorkOrderDto.Local(utc);

    private static async Task<AgentConversationDto> ViewAsync(HotlineDbContext db, Conversation c, CancellationToken ct, bool citizenSafe = false)
    {
        var query = db.Set<ChatMessage>().AsNoTracking().Where(m => m.ConversationId == c.Id);
        if (citizenSafe)
        {
            query = query.Where(m => m.Sender != ChatSender.Note);
        }

        var messages = await query.OrderBy(m => m.Id).ToListAsync(ct);
        return new AgentConversationDto(
            c.Id, c.State, ChatText.MaskedPhone(c.Phone), c.HandoverReason, Local(c.StartedAtUtc), c.QueuedAtUtc is { } q ? Local(q) : null,
            c.WorkOrderId, c.WorkOrderNumber, c.Version, messages.Select(ChatMessageDto.From).ToList());
    }
}
