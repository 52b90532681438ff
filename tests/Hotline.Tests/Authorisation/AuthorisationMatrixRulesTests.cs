using static Hotline.Tests.Authorisation.AuthorisationMatrix;

namespace Hotline.Tests.Authorisation;

/// <summary>The matrix's own rules, without a server: what it expects of a few telling cells, and how it reports a gap.</summary>
public sealed class AuthorisationMatrixRulesTests
{
    private static readonly Dictionary<string, string> Tree = new()
    {
        ["AL-HC"] = "/AL/AL-HC/",
        ["AL"] = "/AL/",
        ["AL-DC"] = "/AL/AL-DC/",
        ["AL-DC-ZJ"] = "/AL/AL-DC/AL-DC-ZJ/",
        ["AL-DC-HO"] = "/AL/AL-DC/AL-DC-HO/",
        ["AL-XC-CG"] = "/AL/AL-XC/AL-XC-CG/",
    };

    [Theory]
    [InlineData("POST /api/work-orders/{id}/sign", "handler", "AL-DC-ZJ", Expected.Allowed)]
    [InlineData("POST /api/work-orders/{id}/sign", "dcoffice", "AL-DC-ZJ", Expected.NotTheUnit)]
    [InlineData("POST /api/work-orders/{id}/sign", "dcoffice", "AL-DC-HO", Expected.Allowed)]
    [InlineData("POST /api/work-orders/{id}/sign", "handler", "AL-XC-CG", Expected.OutOfScope)]
    [InlineData("POST /api/work-orders/{id}/sign", "dispatcher", "AL-DC-ZJ", Expected.RoleRefused)]
    [InlineData("POST /api/work-orders/{id}/reveal-caller", "callback", "AL-XC-CG", Expected.Allowed)]
    [InlineData("POST /api/work-orders/{id}/reveal-caller", "dcoffice", "AL-DC-ZJ", Expected.NotTheUnit)]
    [InlineData("POST /api/work-orders/{id}/reveal-caller", "leader", "AL-DC-ZJ", Expected.RoleRefused)]
    [InlineData("POST /api/work-orders/{id}/redispatch", "dcoffice", "AL-DC-ZJ", Expected.Allowed)]
    [InlineData("POST /api/work-orders/{id}/redispatch", "dcoffice", "AL-XC-CG", Expected.OutOfScope)]
    [InlineData("GET /api/work-orders/{id}", "dcoffice", "AL-DC-ZJ", Expected.Allowed)]
    [InlineData("GET /api/work-orders/{id}", "leader", "AL-XC-CG", Expected.Allowed)]
    [InlineData("GET /api/work-orders/{id}", "unitlead", "AL-DC-HO", Expected.OutOfScope)]
    [InlineData("GET /api/units/{id}", "liaison", "AL-XC-CG", Expected.OutOfScope)]
    [InlineData("POST /api/users", "manager", "AL-DC-ZJ", Expected.RoleRefused)]
    public void Expect_ForATellingCell_IsWhatTheIssueAsks(string operation, string caller, string unit, Expected expected) =>
        Assert.Equal(expected, Expect(Operations[operation], Callers.Single(c => c.UserName == caller), unit, Within));

    [Theory]
    [InlineData("GET /api/work-orders")]
    [InlineData("POST /api/auth/login")]
    public void Expect_ForAnAnonymousCaller_IsSignInUnlessPublic(string operation) =>
        Assert.Equal(Operations[operation].Policy is null ? Expected.Allowed : Expected.SignIn, Expect(Operations[operation], null, "AL-DC-ZJ", Within));

    [Fact]
    public void Coverage_OfADocumentWithANewOperation_NamesItAndSaysWhatToAdd()
    {
        var documented = Operations.Keys.Where(k => k != "GET /api/auth/me").Append("POST /api/work-orders/{id}/escalate").ToList();

        var problems = AuthorisationMatrixTests.Coverage(documented);

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("POST /api/work-orders/{id}/escalate is in the OpenAPI document but not in the authorisation matrix: add a row", problems[0], StringComparison.Ordinal);
        Assert.Equal("GET /api/auth/me is in the authorisation matrix but no longer in the OpenAPI document: remove its row.", problems[1]);
    }

    private static bool Within(string unit, string ancestor) => Tree[unit].StartsWith(Tree[ancestor], StringComparison.Ordinal);
}
