using Hotline.Domain;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Calendar;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Auth;

public sealed record LoginRequest([property: MaxLength(Limits.UserName)] string? UserName, [property: MaxLength(Limits.Password)] string? Password);

public sealed record ChangePasswordRequest([property: MaxLength(Limits.Password)] string? CurrentPassword, [property: MaxLength(Limits.Password)] string? NewPassword);

public sealed record UnitRef(long Id, string Name, UnitKind Kind);

/// <param name="ReplyVoice">Who answers the citizen (Reply:Voice): with <c>centre</c> the reviewer writes the centre's answer when accepting a reply.</param>
public sealed record MeResponse(
    long Id, string UserName, string DisplayName, UnitRef Unit, IReadOnlyCollection<Role> Roles, string ScopePath, IReadOnlyList<CalendarWarning> Warnings, ReplyVoice ReplyVoice);

public static class AuthEndpoints
{
    public const string LoginRateLimit = "login";

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        SignInLimits.CheckSettings(app.ServiceProvider);
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(LoginRateLimit);
        group.MapPost("/logout", Logout).AllowAnonymous();
        group.MapGet("/me", Me).RequireAuthorization(Policies.Staff);
        group.MapPost("/change-password", ChangePassword).RequireAuthorization(Policies.Staff);
        return app;
    }

    /// <summary>
    /// Signs in. A known and an unknown user name are answered alike: 401 for a wrong password, and 429 with
    /// Retry-After while failures make the account, the address or the browser wait (docs/decisions.md, "Sign-in
    /// throttle"); a throttled attempt is refused before its password is looked at.
    /// </summary>
    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> Login(
        LoginRequest request, HttpContext http, HotlineDbContext db, IPasswordHasher<User> hasher, UserDirectory directory,
        CalendarService calendar, IOptionsSnapshot<ReplyOptions> reply, SignInGuard guard, ILogger<LoginRequest> logger, CancellationToken ct)
    {
        new Validation().Text(request.UserName, "userName", 64).Text(request.Password, "password", 128).ThrowIfInvalid();
        var attempt = guard.Begin(http, User.NormaliseUserName(request.UserName!));
        if (await guard.WaitAsync(attempt, ct) is { } wait)
        {
            return TooManyRequests.Problem(http, wait, SignInLimits.TooManyAttemptsCode, SignInLimits.TooManyAttemptsTitle);
        }

        var user = await db.Users.Include(u => u.Unit).SingleOrDefaultAsync(u => u.UserName == attempt.UserName, ct);
        var verdict = PasswordVerificationResult.Failed;
        if (user is { IsActive: true, Unit.IsActive: true })
        {
            verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password!);
        }
        else
        {
            // Spend the same effort as a real check so that timing does not reveal which user names exist.
            hasher.VerifyHashedPassword(null!, DummyHash(hasher), request.Password!);
        }

        if (verdict == PasswordVerificationResult.Failed)
        {
            await guard.FailedAsync(attempt, user, ct);
            // Never the name typed: for a name that belongs to nobody it may be a password typed in the wrong field.
            logger.LogWarning("Failed sign-in for user {UserId}", user?.Id);
            return InvalidCredentials();
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user!.Rehash(hasher.HashPassword(user, request.Password!));
            await db.SaveChangesAsync(ct);
        }

        await guard.SucceededAsync(http, attempt, ct);
        directory.Evict(user!.Id);
        var snapshot = await directory.GetAsync(user.Id, ct) ?? throw new InvalidOperationException("User vanished during sign-in.");
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, snapshot.ToPrincipal());
        logger.LogInformation("User {UserId} signed in", user.Id);
        return TypedResults.Ok(ToMe(snapshot, calendar, reply.Value));
    }

    private static async Task<NoContent> Logout(HttpContext http, ILogger<LoginRequest> logger)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            logger.LogInformation("User {UserId} signed out", http.User.FindFirst(HotlineClaims.UserId)?.Value);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<MeResponse>> Me(CurrentUser current, UserDirectory directory, CalendarService calendar, IOptionsSnapshot<ReplyOptions> reply, CancellationToken ct)
    {
        var snapshot = await directory.GetAsync(current.Id, ct) ?? throw new NotFoundException("user.not_found", "No such user.");
        return TypedResults.Ok(ToMe(snapshot, calendar, reply.Value));
    }

    private static async Task<NoContent> ChangePassword(ChangePasswordRequest request, CurrentUser current, HotlineDbContext db, IPasswordHasher<User> hasher, UserDirectory directory, HttpContext http, CancellationToken ct)
    {
        var validation = new Validation().Text(request.CurrentPassword, "currentPassword", 128);
        if (User.CheckPasswordStrength(request.NewPassword) is { } weakness)
        {
            validation.Add("newPassword", weakness);
        }

        validation.ThrowIfInvalid();
        var user = await db.Users.SingleAsync(u => u.Id == current.Id, ct);
        if (hasher.VerifyHashedPassword(user, user.PasswordHash, request.CurrentPassword!) == PasswordVerificationResult.Failed)
        {
            throw ValidationException.For("currentPassword", "The current password is not correct.");
        }

        user.SetPassword(hasher.HashPassword(user, request.NewPassword!));
        await db.SaveChangesAsync(ct);
        directory.Evict(user.Id);
        var snapshot = await directory.GetAsync(user.Id, ct);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, snapshot!.ToPrincipal());
        return TypedResults.NoContent();
    }

    private static MeResponse ToMe(UserSnapshot s, CalendarService calendar, ReplyOptions reply) => new(
        s.Id, s.UserName, s.DisplayName, new UnitRef(s.UnitId, s.UnitName, s.UnitKind), s.Roles.OrderBy(r => r).ToList(), s.Scope.Path,
        s.Roles.Contains(Role.Administrator) ? calendar.Warnings() : [], reply.Voice);

    private static ProblemHttpResult InvalidCredentials() => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status401Unauthorized,
        Title = "The user name or password is not correct.",
        Extensions = { ["code"] = "auth.invalid_credentials" },
    });

    private static string? _dummyHash;

    private static string DummyHash(IPasswordHasher<User> hasher) =>
        _dummyHash ??= hasher.HashPassword(null!, "not-a-real-password-" + Guid.NewGuid());
}
