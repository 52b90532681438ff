using System.Threading.RateLimiting;
using Hotline.Domain.Chat;
using Hotline.Infrastructure.Jobs;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Hotline.Features.Chat;

public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>Requests per minute from one client address to the citizen's chat endpoints.</summary>
    public int CitizenRequestsPerMinute { get; set; } = 60;

    /// <summary>Minutes without a line from either side after which the idle sweep closes a conversation (not one waiting in the queue).</summary>
    public int IdleMinutes { get; set; } = (int)ChatRules.IdleTimeout.TotalMinutes;

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(Math.Max(1, IdleMinutes));
}

public static class ChatServices
{
    /// <summary>Online customer service and the intelligent assistant (issue 18).</summary>
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.Section);
        services.AddSingleton<AgentPresence>();
        services.AddSingleton<ChatKeys>();
        services.AddSingleton<ChatPush>();
        services.AddScoped<ChatAssistant>();
        services.AddSingletonHostedService<ChatIdleJob>();
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(CitizenChatEndpoints.RateLimit, http =>
        {
            var perMinute = http.RequestServices.GetRequiredService<IOptionsMonitor<ChatOptions>>().CurrentValue.CitizenRequestsPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter(
                "chat:" + ClientAddress.Of(http), _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1) });
        }));
        return services;
    }

    public static IEndpointRouteBuilder MapChat(this IEndpointRouteBuilder api)
    {
        api.MapCitizenChat();
        api.MapAgentChat();
        api.MapChatFigures();
        return api;
    }

    /// <summary>The two hubs: the citizens' (anonymous, by one-use ticket) and the agents' (the online-chat roles).</summary>
    public static IEndpointRouteBuilder MapChatHubs(this IEndpointRouteBuilder app)
    {
        app.MapHub<CitizenChatHub>("/hubs/chat").AllowAnonymous();
        app.MapHub<AgentChatHub>("/hubs/chat-agents").RequireAuthorization(Policies.OnlineChat);
        return app;
    }
}
