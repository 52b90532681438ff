using System.Security.Claims;
using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Hotline.Infrastructure.Security;

/// <summary>What a request needs to know about its user, cached briefly so that each request does not query for it.</summary>
public sealed record UserSnapshot(
    long Id,
    string UserName,
    string DisplayName,
    long UnitId,
    string UnitName,
    UnitKind UnitKind,
    string UnitPath,
    AccessScope Scope,
    IReadOnlySet<Role> Roles,
    bool IsActive,
    string SecurityStamp)
{
    public ClaimsPrincipal ToPrincipal()
    {
        var claims = new List<Claim>
        {
            new(HotlineClaims.UserId, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(HotlineClaims.SecurityStamp, SecurityStamp),
            new(ClaimTypes.Name, UserName),
            new(HotlineClaims.DisplayName, DisplayName),
            new(HotlineClaims.UnitId, UnitId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(HotlineClaims.UnitName, UnitName),
            new(HotlineClaims.UnitPath, UnitPath),
            new(HotlineClaims.ScopePath, Scope.Path),
        };
        claims.AddRange(Roles.Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }
}

/// <summary>Loads <see cref="UserSnapshot"/>s; edits to users or units evict them so changes apply at once on this node.</summary>
public sealed class UserDirectory(IServiceScopeFactory scopes, IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public async Task<UserSnapshot?> GetAsync(long userId, CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(Key(userId), out UserSnapshot? cached))
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var user = await db.Users.AsNoTracking().Include(u => u.Unit).SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user?.Unit is null)
        {
            return null;
        }

        var parentPath = user.Unit.ParentId is { } parentId
            ? await db.Units.Where(u => u.Id == parentId).Select(u => u.Path).SingleOrDefaultAsync(cancellationToken)
            : null;
        var snapshot = new UserSnapshot(
            user.Id, user.UserName, user.DisplayName, user.UnitId, user.Unit.Name, user.Unit.Kind, user.Unit.Path,
            AccessScope.For(user.Unit, parentPath), user.RoleSet.ToHashSet(), user.IsActive && user.Unit.IsActive, user.SecurityStamp);
        cache.Set(Key(userId), snapshot, Lifetime);
        return snapshot;
    }

    public void Evict(long userId) => cache.Remove(Key(userId));

    /// <summary>After a unit moves or is deactivated every user may be affected; the cache is small, so drop it all.</summary>
    public void EvictAll()
    {
        if (cache is MemoryCache memory)
        {
            memory.Clear();
        }
    }

    private static string Key(long userId) => $"user-snapshot:{userId}";
}
