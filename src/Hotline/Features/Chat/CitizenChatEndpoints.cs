using Hotline.Domain;
using Hotline.Domain.Chat;
using Hotline.Features.Citizens;
using Hotline.Infrastructure.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Chat;

/// <summary>
/// The citizen's side of online customer service (issue 18) under <c>/api/citizen/chat</c>: start a conversation (the
/// assistant answers first, anonymously), write, ask for a person (needs the verified phone: the citizen token), read
/// the transcript, take a hub ticket, close. Anonymous to the staff scheme, rate-limited per client address.
/// </summary>
public static class CitizenChatEndpoints
{
    public const string RateLimit = "citizen-chat";

    public static IEndpointRouteBuilder MapCitizenChat(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/citizen/chat").WithTags("Chat").AllowAnonymous().RequireRateLimiting(RateLimit)
            .AddEndpointFilter(async (context, next) =>
            {
                try
                {
                    return await next(context);
                }
                catch (CitizenTokenRequiredException e)
                {
                    return CitizenAccess.Unauthorized("citizen.token_required", e.Message);
                }
            });
        group.MapPost("/", Start).WithSummary("Start a conversation with the intelligent assistant; answers the key that names it.");
        group.MapGet("/{id:long}", Get).WithSummary("The conversation: state, queue position, agents' availability, transcript.");
        group.MapPost("/{id:long}/messages", Write).WithSummary("Write: the assistant answers, or the agent reads it.");
        group.MapPost("/{id:long}/handover", HandOver).WithSummary("Ask for a person (转人工); needs the citizen token.");
        group.MapPost("/{id:long}/ticket", Ticket).WithSummary("A one-use ticket (one minute) to connect to /hubs/chat.");
        group.MapPost("/{id:long}/close", Close);
        return app;
    }

    private static async Task<Created<ChatSessionDto>> Start(HotlineDbContext db, ChatKeys keys, AgentPresence presence, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var conversation = Conversation.Start(now);
        db.Add(conversation);
        await db.SaveChangesAsync(ct);
        db.Add(ChatMessage.Create(conversation.Id, ChatSender.Assistant, ChatTexts.Greeting, now));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/citizen/chat/{conversation.Id}", new ChatSessionDto(keys.KeyFor(conversation.Id), await ViewAsync(db, presence, conversation, ct)));
    }

    private static async Task<Ok<CitizenConversationDto>> Get(long id, HttpContext http, HotlineDbContext db, ChatKeys keys, AgentPresence presence, CancellationToken ct) =>
        TypedResults.Ok(await ViewAsync(db, presence, await FindAsync(http, db, keys, id, ct), ct));

    private static async Task<Ok<CitizenConversationDto>> Write(
        long id, CitizenChatMessageRequest request, HttpContext http, HotlineDbContext db, ChatKeys keys, AgentPresence presence, ChatAssistant assistant,
        CitizenAccess access, ChatPush push, TimeProvider time, CancellationToken ct)
    {
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw ValidationException.For("text", "请输入内容。");
        }

        var conversation = await FindAsync(http, db, keys, id, ct);
        conversation.RequireOpen();
        var now = time.GetUtcNow().UtcDateTime;
        db.Add(ChatMessage.Create(conversation.Id, ChatSender.Citizen, text, now));
        var queueChanged = false;
        if (conversation.State == ConversationState.Assistant)
        {
            HandoverReason? reason = ChatRules.AsksForPerson(text) ? HandoverReason.Requested : null;
            if (reason is null)
            {
                var answer = await assistant.AnswerAsync(text, ct);
                if (answer.Confident)
                {
                    db.Add(ChatMessage.Create(conversation.Id, ChatSender.Assistant, answer.Passage!, now, answer.ArticleId, answer.ArticleTitle));
                }
                else
                {
                    reason = HandoverReason.NotConfident;
                    db.Add(ChatMessage.Create(conversation.Id, ChatSender.Assistant, ChatTexts.NotConfident, now));
                }
            }

            if (reason is { } r)
            {
                queueChanged = HandOverOrAskForPhone(conversation, r, access.PhoneOf(http), db, now);
            }
        }

        await db.SaveChangesAsync(ct);
        await push.ChangedAsync(conversation, queueChanged);
        return TypedResults.Ok(await ViewAsync(db, presence, conversation, ct));
    }

    private static async Task<Ok<CitizenConversationDto>> HandOver(
        long id, HttpContext http, HotlineDbContext db, ChatKeys keys, AgentPresence presence, CitizenAccess access, ChatPush push, TimeProvider time, CancellationToken ct)
    {
        var conversation = await FindAsync(http, db, keys, id, ct);
        var phone = access.RequirePhone(http);
        var now = time.GetUtcNow().UtcDateTime;
        HandOverOrAskForPhone(conversation, conversation.HandoverReason ?? HandoverReason.Requested, phone, db, now);
        await db.SaveChangesAsync(ct);
        await push.ChangedAsync(conversation, queueChanged: true);
        return TypedResults.Ok(await ViewAsync(db, presence, conversation, ct));
    }

    private static async Task<Ok<ChatTicketDto>> Ticket(long id, HttpContext http, HotlineDbContext db, ChatKeys keys, CancellationToken ct)
    {
        var conversation = await FindAsync(http, db, keys, id, ct);
        var (ticket, expires) = keys.TicketFor(conversation.Id);
        return TypedResults.Ok(new ChatTicketDto(ticket, Domain.Calendar.ChinaTime.ToLocal(expires)));
    }

    private static async Task<Ok<CitizenConversationDto>> Close(
        long id, HttpContext http, HotlineDbContext db, ChatKeys keys, AgentPresence presence, ChatPush push, TimeProvider time, CancellationToken ct)
    {
        var conversation = await FindAsync(http, db, keys, id, ct);
        var wasQueued = conversation.State == ConversationState.Queued;
        var now = time.GetUtcNow().UtcDateTime;
        conversation.Close(ConversationCloseReason.Citizen, now);
        db.Add(ChatMessage.Create(conversation.Id, ChatSender.System, ChatTexts.Closed, now));
        await db.SaveChangesAsync(ct);
        await push.ChangedAsync(conversation, wasQueued);
        return TypedResults.Ok(await ViewAsync(db, presence, conversation, ct));
    }

    /// <summary>Into the queue with the verified phone, or (without one) the hand-over is recorded and the phone asked for.</summary>
    private static bool HandOverOrAskForPhone(Conversation conversation, HandoverReason reason, string? phone, HotlineDbContext db, DateTime now)
    {
        if (phone is null)
        {
            conversation.AskForPerson(reason, now);
            db.Add(ChatMessage.Create(conversation.Id, ChatSender.System, ChatTexts.NeedsPhone, now));
            return false;
        }

        conversation.HandOver(reason, phone, now);
        db.Add(ChatMessage.Create(conversation.Id, ChatSender.System, ChatTexts.Queued, now));
        return true;
    }

    private static async Task<Conversation> FindAsync(HttpContext http, HotlineDbContext db, ChatKeys keys, long id, CancellationToken ct) =>
        keys.ConversationOf(http) == id && await db.Set<Conversation>().SingleOrDefaultAsync(c => c.Id == id, ct) is { } conversation
            ? conversation
            : throw new NotFoundException("chat.not_found", "No such conversation.");

    internal static async Task<CitizenConversationDto> ViewAsync(HotlineDbContext db, AgentPresence presence, Conversation c, CancellationToken ct)
    {
        var messages = await db.Set<ChatMessage>().AsNoTracking().Where(m => m.ConversationId == c.Id && m.Sender != ChatSender.Note)
            .OrderBy(m => m.Id).ToListAsync(ct);
        int? position = null;
        if (c.State == ConversationState.Queued)
        {
            var before = await db.Set<Conversation>().CountAsync(
                q => q.State == ConversationState.Queued && (q.QueuedAtUtc < c.QueuedAtUtc || (q.QueuedAtUtc == c.QueuedAtUtc && q.Id < c.Id)), ct);
            position = ChatRules.Position(before);
        }

        var (online, away) = presence.Counts();
        return new CitizenConversationDto(
            c.Id, c.State, c.HandoverReason, c.State == ConversationState.Assistant && c.HandoverReason is not null, position, online, away, c.WorkOrderNumber,
            messages.Select(ChatMessageDto.From).ToList());
    }
}
