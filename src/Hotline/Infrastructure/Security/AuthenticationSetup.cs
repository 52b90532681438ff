using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Hotline.Infrastructure.Security;

/// <summary>Cookie sign-in for staff; the cookie holds the user id and security stamp, everything else is looked up.</summary>
public static class AuthenticationSetup
{
    public const string CookieName = "hotline.auth";

    public static IServiceCollection AddHotlineSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddSingleton<UserDirectory>();
        services.AddScoped<CurrentUser>();
        services.AddSingleton<IPasswordHasher<Domain.Organisation.User>, PasswordHasher<Domain.Organisation.User>>();
        services.Configure<PasswordHasherOptions>(o =>
            o.IterationCount = configuration.GetValue("Security:PasswordHashIterations", 100_000));
        var sessionHours = configuration.GetValue("Security:SessionHours", 8.0);

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(sessionHours);
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = ctx => WriteProblem(ctx.HttpContext, StatusCodes.Status401Unauthorized, "auth.required", "Sign in first."),
                    OnRedirectToAccessDenied = ctx => WriteProblem(ctx.HttpContext, StatusCodes.Status403Forbidden, "auth.forbidden", "Your role does not allow this."),
                    OnValidatePrincipal = ValidatePrincipalAsync,
                };
            });
        services.AddAuthorization(Policies.Register);
        return services;
    }

    private static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var idText = principal?.FindFirst(HotlineClaims.UserId)?.Value;
        var stamp = principal?.FindFirst(HotlineClaims.SecurityStamp)?.Value;
        if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var userId) || stamp is null)
        {
            context.RejectPrincipal();
            return;
        }

        var directory = context.HttpContext.RequestServices.GetRequiredService<UserDirectory>();
        var snapshot = await directory.GetAsync(userId, context.HttpContext.RequestAborted);
        if (snapshot is null || !snapshot.IsActive || snapshot.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        context.ReplacePrincipal(snapshot.ToPrincipal());
    }

    private static Task WriteProblem(HttpContext context, int status, string code, string title)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Extensions = { ["code"] = code } };
        return context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
    }
}
