using System.Net;
using Hotline.Seeding;
using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.Foundation;

public abstract class OrganisationTests(AppFixture app)
{
    [Fact]
    public async Task DemoPlatform_HasTheShapeTheIssueAsksFor()
    {
        var admin = await app.SignInAsync("admin");

        var units = (await admin.GetAsync("/api/units").ShouldBeOk()).EnumerateArray().ToList();
        Assert.True(units.Count >= 30);
        Assert.True(units.Max(u => u.GetProperty("depth").GetInt32()) >= 3);
        foreach (var kind in new[] { "subCentre", "utility", "countyHotlineOffice", "hotlineCentre", "district", "street", "community", "department" })
        {
            Assert.Contains(units, u => u.GetProperty("kind").GetString() == kind);
        }

        var demoCodes = DemoData.Units.Select(u => u.Code).ToHashSet();
        Assert.All(units.Where(u => demoCodes.Contains(u.GetProperty("code").GetString()!)), u => Assert.NotEqual(0, u.GetProperty("liaisons").GetArrayLength()));
        var users = await admin.PostJsonAsync("/api/users/search", new { pageSize = 200 }).ShouldBeOk();
        var roles = users.GetProperty("items").EnumerateArray().SelectMany(u => u.GetProperty("roles").EnumerateArray().Select(r => r.GetString())).ToHashSet();
        Assert.Equal(Enum.GetValues<Hotline.Domain.Organisation.Role>().Length, roles.Count); // every role has a demo account
    }

    [Fact]
    public async Task UnitUser_SeesOnlyTheirSubtree()
    {
        var office = await app.SignInAsync("dcoffice");

        var units = (await office.GetAsync("/api/units").ShouldBeOk()).EnumerateArray().Select(u => u.GetProperty("path").GetString()!).ToList();

        Assert.NotEmpty(units);
        Assert.All(units, p => Assert.StartsWith("/AL/AL-DC/", p, StringComparison.Ordinal));
        Assert.Contains("/AL/AL-DC/AL-DC-DH/AL-DC-DH-01/", units);
    }

    [Fact]
    public async Task UnitUser_ReadingAnotherUnit_IsNotFound()
    {
        var admin = await app.SignInAsync("admin");
        var westId = await AuthTests.UnitIdAsync(admin, "AL-XC-CG");
        var ownId = await AuthTests.UnitIdAsync(admin, "AL-DC-ZJ");
        var handler = await app.SignInAsync("handler");

        await (await handler.GetAsync($"/api/units/{ownId}")).ShouldBe(HttpStatusCode.OK);
        await (await handler.GetAsync($"/api/units/{westId}")).ShouldBeProblem(HttpStatusCode.NotFound, "unit.not_found");
    }

    [Fact]
    public async Task CreateUnit_InvalidFields_Is400NamingEach()
    {
        var admin = await app.SignInAsync("admin");

        var body = await (await admin.PostJsonAsync("/api/units", new { code = "bad code!", name = "", kind = "street", regionCode = "12" })).ShouldBeValidationError("code");

        var errors = body.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("regionCode", out _));
        Assert.True(errors.TryGetProperty("parentId", out _));
    }

    [Fact]
    public async Task CreateUnit_UnknownKind_Is400NamingKind()
    {
        var admin = await app.SignInAsync("admin");

        await (await admin.PostJsonAsync("/api/units", new { code = "X1", name = "X", kind = "castle" })).ShouldBeValidationError("kind");
    }

    [Fact]
    public async Task CreateUnit_DuplicateCode_Is409()
    {
        var admin = await app.SignInAsync("admin");
        var parent = await AuthTests.UnitIdAsync(admin, "AL");

        await (await admin.PostJsonAsync("/api/units", new { code = "AL-ZJ", name = "dup", kind = "department", parentId = parent }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "unit.code_taken");
    }

    [Fact]
    public async Task MoveUnit_RewritesTheWholeSubtreeAndScopes()
    {
        var admin = await app.SignInAsync("admin");
        var city = await AuthTests.UnitIdAsync(admin, "AL");
        var street = await (await admin.PostJsonAsync("/api/units", new { code = "MV-ST", name = "移动街道", kind = "street", parentId = city, liaisons = new[] { new { name = "张三", phone = "0999-1" } } })).ShouldBe(HttpStatusCode.Created);
        var streetId = street.GetProperty("id").GetInt64();
        var community = await (await admin.PostJsonAsync("/api/units", new { code = "MV-ST-01", name = "移动社区", kind = "community", parentId = streetId })).ShouldBe(HttpStatusCode.Created);
        var district = await AuthTests.UnitIdAsync(admin, "AL-XC");

        await (await admin.PutJsonAsync($"/api/units/{streetId}", new { name = "移动街道", parentId = district, version = street.GetProperty("version").GetInt64() })).ShouldBe(HttpStatusCode.OK);

        var moved = await admin.GetAsync($"/api/units/{community.GetProperty("id").GetInt64()}").ShouldBeOk();
        Assert.Equal("/AL/AL-XC/MV-ST/MV-ST-01/", moved.GetProperty("path").GetString());
        Assert.Equal(3, moved.GetProperty("depth").GetInt32());
    }

    [Fact]
    public async Task MoveUnit_UnderItsOwnDescendant_Is409()
    {
        var admin = await app.SignInAsync("admin");
        var district = await admin.GetAsync($"/api/units/{await AuthTests.UnitIdAsync(admin, "AL-AX")}").ShouldBeOk();
        var township = await AuthTests.UnitIdAsync(admin, "AL-AX-QS");

        await (await admin.PutJsonAsync($"/api/units/{district.GetProperty("id").GetInt64()}", new { name = "安澜县人民政府", parentId = township, version = district.GetProperty("version").GetInt64() }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "unit.move_into_own_subtree");
    }

    [Fact]
    public async Task DeactivateUnit_WithActiveChildren_Is409()
    {
        var admin = await app.SignInAsync("admin");
        var street = await admin.GetAsync($"/api/units/{await AuthTests.UnitIdAsync(admin, "AL-DC-XQ")}").ShouldBeOk();

        await (await admin.PutJsonAsync($"/api/units/{street.GetProperty("id").GetInt64()}", new { name = "新桥街道办事处", isActive = false, version = street.GetProperty("version").GetInt64() }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "unit.has_active_children");
    }

    [Fact]
    public async Task UpdateUnit_WithStaleVersion_Is409AndKeepsTheFirstEdit()
    {
        var admin = await app.SignInAsync("admin");
        var unit = await admin.GetAsync($"/api/units/{await AuthTests.UnitIdAsync(admin, "AL-JY")}").ShouldBeOk();
        var id = unit.GetProperty("id").GetInt64();
        var version = unit.GetProperty("version").GetInt64();

        await (await admin.PutJsonAsync($"/api/units/{id}", new { name = "市教育局（一）", version })).ShouldBe(HttpStatusCode.OK);
        var liaisons = (await admin.GetAsync($"/api/units/{id}").ShouldBeOk()).GetProperty("liaisons");
        Assert.Equal(1, liaisons.GetArrayLength()); // omitted fields are kept
        await (await admin.PutJsonAsync($"/api/units/{id}", new { name = "市教育局（二）", version })).ShouldBeProblem(HttpStatusCode.Conflict, "concurrency_conflict");

        var now = await admin.GetAsync($"/api/units/{id}").ShouldBeOk();
        Assert.Equal("市教育局（一）", now.GetProperty("name").GetString());
        Assert.Equal(version + 1, now.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task ConcurrentUnitEdits_ExactlyOneWins()
    {
        var admin = await app.SignInAsync("admin");
        var unit = await admin.GetAsync($"/api/units/{await AuthTests.UnitIdAsync(admin, "AL-SW")}").ShouldBeOk();
        var id = unit.GetProperty("id").GetInt64();
        var version = unit.GetProperty("version").GetInt64();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => admin.PutJsonAsync($"/api/units/{id}", new { name = $"市商务局-{i}", version })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task CreateUser_CentreRoleInAHandlingUnit_Is400NamingRoles()
    {
        var admin = await app.SignInAsync("admin");

        await (await admin.PostJsonAsync("/api/users", new
        {
            userName = "wrongplace",
            displayName = "Wrong",
            unitId = await AuthTests.UnitIdAsync(admin, "AL-DC-ZJ"),
            roles = new[] { "dispatcher" },
            password = "Good-Password-1",
        })).ShouldBeValidationError("roles");
    }

    [Fact]
    public async Task CreateUser_WeakPasswordAndTakenName_AreRefused()
    {
        var admin = await app.SignInAsync("admin");
        var unitId = await AuthTests.UnitIdAsync(admin, "AL-HC");

        await (await admin.PostJsonAsync("/api/users", new { userName = "weak", displayName = "Weak", unitId, roles = new[] { "intakeAgent" }, password = "12345" })).ShouldBeValidationError("password");
        await (await admin.PostJsonAsync("/api/users", new { userName = "Agent", displayName = "Dup", unitId, roles = new[] { "intakeAgent" }, password = "Good-Password-1" }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "user.name_taken");
    }

    [Fact]
    public async Task UpdateUser_NewRole_TakesEffectOnTheExistingSession()
    {
        var admin = await app.SignInAsync("admin");
        var created = await (await admin.PostJsonAsync("/api/users", new
        {
            userName = "promoted",
            displayName = "Promoted",
            unitId = await AuthTests.UnitIdAsync(admin, "AL-HC"),
            roles = new[] { "intakeAgent" },
            password = "Good-Password-1",
        })).ShouldBe(HttpStatusCode.Created);
        var promoted = await app.SignInAsync("promoted", "Good-Password-1");
        await (await promoted.PostJsonAsync("/api/users/search", new { })).ShouldBe(HttpStatusCode.Forbidden);

        await (await admin.PutJsonAsync($"/api/users/{created.GetProperty("id").GetInt64()}", new
        {
            displayName = "Promoted",
            roles = new[] { "intakeAgent", "administrator" },
            version = created.GetProperty("version").GetInt64(),
        })).ShouldBe(HttpStatusCode.OK);

        // The role change rotates the security stamp: the old session ends and a new sign-in carries the new role.
        await (await promoted.PostJsonAsync("/api/users/search", new { })).ShouldBe(HttpStatusCode.Unauthorized);
        var again = await app.SignInAsync("promoted", "Good-Password-1");
        await (await again.PostJsonAsync("/api/users/search", new { })).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UserSearch_FindsAccountsByPartOfTheirNameUnitOrRole_SentInTheBody()
    {
        var admin = await app.SignInAsync("admin");

        var byName = await admin.PostJsonAsync("/api/users/search", new { q = "刘洋" }).ShouldBeOk();
        var byUnitAndRole = await admin.PostJsonAsync("/api/users/search", new { unitId = await AuthTests.UnitIdAsync(admin, "AL-DC-ZJ"), role = "unitLiaison" }).ShouldBeOk();

        Assert.Equal(["handler"], byName.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("userName").GetString()));
        Assert.Equal(["liaison"], byUnitAndRole.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("userName").GetString()));
        await (await admin.GetAsync("/api/users?q=" + Uri.EscapeDataString("刘洋"))).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DemoAccounts_AllSignIn() =>
        await Task.WhenAll(DemoData.Accounts.Select(a => app.SignInAsync(a.UserName)));
}

public sealed class OrganisationTests_Sqlite(SqliteApp app) : OrganisationTests(app), IClassFixture<SqliteApp>;

public sealed class OrganisationTests_Postgres(PostgresApp app) : OrganisationTests(app), IClassFixture<PostgresApp>;
