using Hotline.Domain;
using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Organisation;

/// <summary>A staff account; <c>IsSignInThrottled</c>: failed sign-ins make a browser it does not know wait now.</summary>
public sealed record UserDto(long Id, string UserName, string DisplayName, long UnitId, string UnitName, IReadOnlyList<Role> Roles, bool IsActive, bool IsSignInThrottled, bool HasDefaultPassword, long Version);

public sealed record CreateUserRequest([property: MaxLength(Limits.UserName)] string? UserName, [property: MaxLength(Limits.Name)] string? DisplayName, long? UnitId, [property: MaxLength(Limits.Items)] IReadOnlyList<Role>? Roles, [property: MaxLength(Limits.Password)] string? Password);

public sealed record UpdateUserRequest([property: MaxLength(Limits.Name)] string? DisplayName, long? UnitId, [property: MaxLength(Limits.Items)] IReadOnlyList<Role>? Roles, bool? IsActive, long? Version);

public sealed record ResetPasswordRequest([property: MaxLength(Limits.Password)] string? Password);

/// <summary>
/// Which accounts to list: <c>q</c> is part of a user name or display name. POST, so that the names searched for stay out
/// of URLs and logs.
/// </summary>
public sealed record UserSearchRequest([property: MaxLength(Limits.ShortText)] string? Q, long? UnitId, Role? Role, int? Page, int? PageSize);

/// <summary>
/// Staff accounts: administrators create them, assign a unit and roles, reset passwords, lift their sign-in throttles
/// (unlock) and read the record of every throttle (<see cref="SignInEventEndpoints"/>).
/// </summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Organisation").RequireAuthorization(Policies.AdministerOrganisation);
        group.MapPost("/search", List);
        group.MapGet("/{id:long}", Get);
        group.MapPost("/", Create);
        group.MapPut("/{id:long}", Update);
        group.MapPost("/{id:long}/reset-password", ResetPassword);
        group.MapPost("/{id:long}/unlock", Unlock);
        group.MapGet("/sign-in-events", SignInEventEndpoints.List);
        return app;
    }

    private static async Task<Ok<Paged<UserDto>>> List(UserSearchRequest request, HotlineDbContext db, SignInThrottles throttles, CancellationToken ct)
    {
        var (number, size) = Paging.Normalise(request.Page, request.PageSize);
        var query = db.Users.AsNoTracking().Include(u => u.Unit).AsQueryable();
        if (request.UnitId is { } u)
        {
            query = query.Where(x => x.UnitId == u);
        }

        if (request.Role is { } r)
        {
            query = query.Where(x => x.Roles.Any(y => y.Role == r));
        }

        if (request.Q is { } q && !string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim().ToLowerInvariant();
            query = query.Where(x => x.UserName.Contains(text) || x.DisplayName.Contains(q.Trim()));
        }

        var total = await query.CountAsync(ct);
        var users = await query.OrderBy(x => x.UserName).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        var throttled = await throttles.ThrottledAsync([.. users.Select(x => x.Id)], ct);
        return TypedResults.Ok(new Paged<UserDto>(users.Select(x => ToDto(x, throttled)).ToList(), total, number, size));
    }

    private static async Task<Ok<UserDto>> Get(long id, HotlineDbContext db, SignInThrottles throttles, CancellationToken ct) =>
        TypedResults.Ok(await ToDtoAsync(await Find(db, id, ct), throttles, ct));

    private static async Task<Created<UserDto>> Create(CreateUserRequest request, HotlineDbContext db, IPasswordHasher<User> hasher, TimeProvider time, CancellationToken ct)
    {
        var validation = new Validation()
            .Text(request.UserName, "userName", 64)
            .Require(request.UserName is null || System.Text.RegularExpressions.Regex.IsMatch(request.UserName.Trim(), "^[A-Za-z0-9._-]{2,64}$"), "userName", "Use 2–64 letters, digits, dots, hyphens or underscores.")
            .Require(request.UnitId is not null, "unitId", "Give the user's unit.")
            .Require(request.Roles is not null, "roles", "Give the user's roles.");
        if (User.CheckPasswordStrength(request.Password) is { } weakness)
        {
            validation.Add("password", weakness);
        }

        validation.ThrowIfInvalid();
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == request.UnitId, ct) ?? throw ValidationException.For("unitId", "No such unit.");
        var userName = User.NormaliseUserName(request.UserName!);
        if (await db.Users.AnyAsync(u => u.UserName == userName, ct))
        {
            throw new DomainException("user.name_taken", $"User name {userName} is already in use.");
        }

        var user = User.Create(userName, request.DisplayName ?? string.Empty, unit, request.Roles!.ToList(), string.Empty, false, time.GetUtcNow().UtcDateTime);
        user.SetPassword(hasher.HashPassword(user, request.Password!));
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/users/{user.Id}", ToDto(user, []));
    }

    private static async Task<Ok<UserDto>> Update(long id, UpdateUserRequest request, HotlineDbContext db, UserDirectory directory, SignInThrottles throttles, CancellationToken ct)
    {
        new Validation()
            .Require(request.Version is not null, "version", "Give the version you edited, so that a concurrent change is not overwritten.")
            .Require(request.Roles is not null, "roles", "Give the user's roles.")
            .ThrowIfInvalid();
        var user = await Find(db, id, ct);
        db.ExpectVersion(user, request.Version!.Value);
        var unit = request.UnitId is { } unitId && unitId != user.UnitId
            ? await db.Units.SingleOrDefaultAsync(u => u.Id == unitId, ct) ?? throw ValidationException.For("unitId", "No such unit.")
            : user.Unit!;
        user.Assign(request.DisplayName ?? user.DisplayName, unit, request.Roles!.ToList(), request.IsActive ?? user.IsActive);
        await db.SaveChangesAsync(ct);
        directory.Evict(user.Id);
        return TypedResults.Ok(await ToDtoAsync(user, throttles, ct));
    }

    /// <summary>Sets a new password, and lifts the account's sign-in throttles: the person can sign in with it at once.</summary>
    private static async Task<NoContent> ResetPassword(
        long id, ResetPasswordRequest request, HotlineDbContext db, IPasswordHasher<User> hasher, UserDirectory directory, SignInThrottles throttles, CurrentUser current, CancellationToken ct)
    {
        if (User.CheckPasswordStrength(request.Password) is { } weakness)
        {
            throw ValidationException.For("password", weakness);
        }

        var user = await Find(db, id, ct);
        user.SetPassword(hasher.HashPassword(user, request.Password!));
        await db.SaveChangesAsync(ct);
        directory.Evict(user.Id);
        await throttles.ClearAsync(user, current.Id, current.UserName, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Lifts the account's sign-in throttles (its name's and its browsers'), on the record.</summary>
    private static async Task<NoContent> Unlock(long id, HotlineDbContext db, SignInThrottles throttles, CurrentUser current, CancellationToken ct)
    {
        await throttles.ClearAsync(await Find(db, id, ct), current.Id, current.UserName, ct);
        return TypedResults.NoContent();
    }

    private static async Task<User> Find(HotlineDbContext db, long id, CancellationToken ct) =>
        await db.Users.Include(u => u.Unit).SingleOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("user.not_found", "No such user.");

    private static async Task<UserDto> ToDtoAsync(User u, SignInThrottles throttles, CancellationToken ct) =>
        ToDto(u, await throttles.ThrottledAsync([u.Id], ct));

    private static UserDto ToDto(User u, HashSet<long> throttled) => new(
        u.Id, u.UserName, u.DisplayName, u.UnitId, u.Unit?.Name ?? string.Empty, u.RoleSet.OrderBy(r => r).ToList(), u.IsActive, throttled.Contains(u.Id), u.HasDefaultPassword, u.Version);
}
