using Hotline.Domain;
using Hotline.Domain.Citizens;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Citizens;

/// <summary>
/// The channels' API keys (issue 18): administrators create a key for the app, the mini-program or a web partner (shown
/// once), rotate it (the old key keeps working for <see cref="CitizenRules.KeyGracePeriod"/>) and revoke it.
/// </summary>
public static class ChannelKeyEndpoints
{
    public static IEndpointRouteBuilder MapChannelKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/channel-keys").WithTags("Online intake").RequireAuthorization(Policies.AdministerChannelKeys);
        group.MapGet("/", List);
        group.MapPost("/", Create).WithSummary("Create a key; the key itself is in this answer only.");
        group.MapPost("/{id:long}/rotate", Rotate).WithSummary("A new key; the old one works through the grace period.");
        group.MapPost("/{id:long}/revoke", Revoke);
        return app;
    }

    private static async Task<Ok<List<ChannelKeyDto>>> List(HotlineDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<ChannelKey>().AsNoTracking().OrderBy(k => k.RevokedAtUtc != null).ThenBy(k => k.Id).ToListAsync(ct)).Select(ChannelKeyDto.From).ToList());

    private static async Task<Created<IssuedChannelKey>> Create(ChannelKeyRequest request, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var key = ChannelKey.Create(request.Name ?? string.Empty, request.Channel ?? throw ValidationException.For("channel", "Choose the channel."), user.DisplayName, time.GetUtcNow().UtcDateTime, out var secret);
        db.Add(key);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/channel-keys/{key.Id}", new IssuedChannelKey(ChannelKeyDto.From(key), secret));
    }

    private static async Task<Ok<IssuedChannelKey>> Rotate(long id, ChannelKeyVersion request, HotlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var key = await LoadAsync(db, id, request.Version, ct);
        var secret = key.Rotate(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new IssuedChannelKey(ChannelKeyDto.From(key), secret));
    }

    private static async Task<Ok<ChannelKeyDto>> Revoke(long id, ChannelKeyVersion request, HotlineDbContext db, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var key = await LoadAsync(db, id, request.Version, ct);
        key.Revoke(user.DisplayName, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ChannelKeyDto.From(key));
    }

    private static async Task<ChannelKey> LoadAsync(HotlineDbContext db, long id, long? version, CancellationToken ct)
    {
        var expected = version ?? throw ValidationException.For("version", "Give the version you saw.");
        var key = await db.Set<ChannelKey>().SingleOrDefaultAsync(k => k.Id == id, ct) ?? throw new NotFoundException("channel_key.not_found", "No such key.");
        if (key.Version != expected)
        {
            throw new ConcurrencyConflictException("The key was changed by someone else; reload it.");
        }

        db.ExpectVersion(key, expected);
        return key;
    }
}
