using System.Net;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.Foundation;

public abstract class AuthTests(AppFixture app)
{
    [Fact]
    public async Task Login_WithDemoAccount_ReturnsUserUnitAndRoles()
    {
        var client = await app.SignInAsync("handler");

        var me = await client.GetAsync("/api/auth/me").ShouldBeOk();
        Assert.Equal("handler", me.GetProperty("userName").GetString());
        Assert.Equal("东城区住房和城乡建设局", me.GetProperty("unit").GetProperty("name").GetString());
        Assert.Equal(["unitHandler"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("/AL/AL-DC/AL-DC-ZJ/", me.GetProperty("scopePath").GetString());
    }

    [Fact]
    public async Task Login_UserNameIsCaseInsensitive() =>
        await (await app.Anonymous().PostJsonAsync("/api/auth/login", new { userName = " Agent ", password = "Hotline@12345" })).ShouldBe(HttpStatusCode.OK);

    [Fact]
    public async Task Login_WrongPassword_Is401WithCode() =>
        await (await app.Anonymous().PostJsonAsync("/api/auth/login", new { userName = "agent", password = "wrong-password" }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "auth.invalid_credentials");

    [Fact]
    public async Task Login_UnknownUser_LooksLikeAWrongPassword() =>
        await (await app.Anonymous().PostJsonAsync("/api/auth/login", new { userName = "nobody", password = "whatever-123" }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "auth.invalid_credentials");

    [Fact]
    public async Task Login_MissingFields_Is400NamingThem()
    {
        var body = await (await app.Anonymous().PostJsonAsync("/api/auth/login", new { userName = "" })).ShouldBeValidationError("userName");

        Assert.True(body.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Login_MalformedJson_Is400()
    {
        using var content = new StringContent("{\"userName\": 42", System.Text.Encoding.UTF8, "application/json");

        await (await app.Anonymous().PostAsync("/api/auth/login", content)).ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Logout_EndsTheSession()
    {
        var client = await app.SignInAsync("agent");
        await (await client.PostAsync("/api/auth/logout", null)).ShouldBe(HttpStatusCode.NoContent);

        await (await client.GetAsync("/api/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, "auth.required");
    }

    [Fact]
    public async Task DeactivatedUser_ExistingSessionIsRejected()
    {
        var admin = await app.SignInAsync("admin");
        var created = await (await admin.PostJsonAsync("/api/users", new
        {
            userName = "leaver",
            displayName = "Leaver",
            unitId = await UnitIdAsync(admin, "AL-HC"),
            roles = new[] { "callbackAgent" },
            password = "Leaving-Soon-9",
        })).ShouldBe(HttpStatusCode.Created);
        var leaver = await app.SignInAsync("leaver", "Leaving-Soon-9");
        await (await leaver.GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.OK);

        await (await admin.PutJsonAsync($"/api/users/{created.GetProperty("id").GetInt64()}", new
        {
            displayName = "Leaver",
            roles = new[] { "callbackAgent" },
            isActive = false,
            version = created.GetProperty("version").GetInt64(),
        })).ShouldBe(HttpStatusCode.OK);

        await (await leaver.GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ChangePassword_WeakOrWrongCurrent_Is400_ThenNewPasswordWorks()
    {
        var admin = await app.SignInAsync("admin");
        await (await admin.PostJsonAsync("/api/users", new
        {
            userName = "changer",
            displayName = "Changer",
            unitId = await UnitIdAsync(admin, "AL-HC"),
            roles = new[] { "intakeAgent" },
            password = "First-Password-1",
        })).ShouldBe(HttpStatusCode.Created);
        var client = await app.SignInAsync("changer", "First-Password-1");

        await (await client.PostJsonAsync("/api/auth/change-password", new { currentPassword = "First-Password-1", newPassword = "short" })).ShouldBeValidationError("newPassword");
        await (await client.PostJsonAsync("/api/auth/change-password", new { currentPassword = "nope", newPassword = "Second-Password-2" })).ShouldBeValidationError("currentPassword");
        await (await client.PostJsonAsync("/api/auth/change-password", new { currentPassword = "First-Password-1", newPassword = "Second-Password-2" })).ShouldBe(HttpStatusCode.NoContent);

        await (await client.GetAsync("/api/auth/me")).ShouldBe(HttpStatusCode.OK);
        await (await app.Anonymous().PostJsonAsync("/api/auth/login", new { userName = "changer", password = "First-Password-1" })).ShouldBe(HttpStatusCode.Unauthorized);
        await app.SignInAsync("changer", "Second-Password-2");
    }

    /// <summary>Creates an intake agent of the hotline centre through <paramref name="admin"/>; its id.</summary>
    internal static async Task<long> CreateAgentAsync(HttpClient admin, string userName, string password)
    {
        var created = await (await admin.PostJsonAsync("/api/users", new
        {
            userName,
            displayName = userName,
            unitId = await UnitIdAsync(admin, "AL-HC"),
            roles = new[] { "intakeAgent" },
            password,
        })).ShouldBe(HttpStatusCode.Created);
        return created.GetProperty("id").GetInt64();
    }

    internal static async Task<long> UnitIdAsync(HttpClient client, string code)
    {
        var units = await client.GetAsync("/api/units").ShouldBeOk();
        return units.EnumerateArray().Single(u => u.GetProperty("code").GetString() == code).GetProperty("id").GetInt64();
    }
}

public sealed class AuthTests_Sqlite(SqliteApp app) : AuthTests(app), IClassFixture<SqliteApp>;

public sealed class AuthTests_Postgres(PostgresApp app) : AuthTests(app), IClassFixture<PostgresApp>;
