using System.Net;
using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Security;
using Hotline.Seeding;
using Hotline.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace Hotline.Tests.Foundation;

/// <summary>Walks every endpoint the server maps, so a new endpoint cannot be left open by accident.</summary>
public abstract class EndpointAuthorisationTests(AppFixture app)
{
    /// <summary>The deliberate public surface. Adding to it is a decision, made here.</summary>
    private static readonly HashSet<string> Public =
    [
        "GET /health",
        "GET /health/live",
        "GET /health/ready",
        "GET /openapi/{documentName}.json",
        "GET /api/calendar/deadline",
        "POST /api/auth/login",
        "POST /api/auth/logout",
        "GET /api/portal/knowledge",
        "GET /api/portal/knowledge/{id:long}",
        "GET /api/public/supervision-listings", // issue 16: the public listing (挂牌督办)
        // Issue 18: the citizen API; the channel's key (or none, the web portal) and the citizen token decide.
        "POST /api/citizen/codes",
        "POST /api/citizen/codes/verify",
        "GET /api/citizen/categories",
        "GET /api/citizen/regions",
        "POST /api/citizen/submissions",
        "GET /api/citizen/submissions",
        "GET /api/citizen/submissions/{number}",
        "POST /api/citizen/submissions/{number}/rating",
        "POST /api/citizen/submissions/{number}/service-rating", // issue 18, 好差评: the citizen token decides
        // Issue 18: online customer service's citizen side; the conversation's key (X-Chat-Key) decides, the hub takes a one-use ticket.
        "POST /api/citizen/chat",
        "GET /api/citizen/chat/{id:long}",
        "POST /api/citizen/chat/{id:long}/messages",
        "POST /api/citizen/chat/{id:long}/handover",
        "POST /api/citizen/chat/{id:long}/ticket",
        "POST /api/citizen/chat/{id:long}/close",
        // The mayor's mailbox: a citizen writes (a verified phone, as a submission); anyone reads the published letters.
        "POST /api/citizen/mailbox/letters",
        "GET /api/portal/mailbox/letters",
        "GET /api/portal/mailbox/letters/{id:long}",
        // The citizens' chat hub: anonymous to the staff scheme; the connection needs a one-use ticket (ChatTests).
        "GET /hubs/chat/negotiate",
        "GET /hubs/chat",
        "POST /api/citizen/uploads", // issue 18, photos: the citizen token decides
        "GET /api/citizen/uploads/{id:long}/thumbnail",
        "POST /api/development/citizen-codes/last", // Development only (CitizenApiTests shows it is not mapped in Production)
        // Issue 18: Open311 GeoReport v2; a channel key (api_key) decides a POST, the reads are the spec's public ones.
        "GET /open311/v2/discovery.{format}",
        "GET /open311/v2/services.{format}",
        "GET /open311/v2/services/{code}.{format}",
        "POST /open311/v2/requests.{format}",
        "GET /open311/v2/requests.{format}",
        "GET /open311/v2/requests/{id}.{format}",
        "GET /open311/v2/tokens/{token}.{format}",
        // The workbench's client routes (index.html); never matches /api/*, which stays a 404 problem.
        "GET /{*path:nonfile}",
        "HEAD /{*path:nonfile}",
        // The citizen portal's page (portal.html) and its client routes, mapped when the workbench is built.
        "GET /portal",
        "HEAD /portal",
        "GET /portal/{*path:nonfile}",
        "HEAD /portal/{*path:nonfile}",
    ];

    [Fact]
    public void EveryEndpoint_IsPublicByDecisionOrNamesAPolicy()
    {
        foreach (var endpoint in Endpoints())
        {
            var anonymous = endpoint.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            Assert.True(anonymous == Public.Contains(endpoint.Key), $"{endpoint.Key}: anonymous={anonymous} but the public list says {Public.Contains(endpoint.Key)}");
            if (!anonymous)
            {
                var policies = endpoint.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).ToList();
                Assert.True(policies.Count > 0, $"{endpoint.Key} relies on the fallback policy; name a policy.");
                Assert.All(policies, p => Assert.True(Policies.RolesByPolicy.ContainsKey(p!), $"{endpoint.Key}: unknown policy {p}"));
            }
        }
    }

    [Fact]
    public async Task EveryProtectedEndpoint_RefusesAnAnonymousCaller()
    {
        var client = app.Anonymous();
        var checkedCount = 0;
        foreach (var endpoint in Endpoints().Where(e => !Public.Contains(e.Key)))
        {
            using var response = await client.SendAsync(endpoint.Request());
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{endpoint.Key} answered {(int)response.StatusCode} to an anonymous caller");
            checkedCount++;
        }

        Assert.True(checkedCount >= 15, $"only {checkedCount} endpoints found");
    }

    [Fact]
    public async Task EveryRoleRestrictedEndpoint_RefusesEachDemoAccountWithoutTheRole()
    {
        var clients = new Dictionary<string, HttpClient>();
        var checkedCount = 0;
        foreach (var endpoint in Endpoints().Where(e => !Public.Contains(e.Key)))
        {
            var allowed = endpoint.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
                .Where(a => a.Policy is not null)
                .Select(a => Policies.RolesByPolicy[a.Policy!])
                .Aggregate((IEnumerable<Role>)Enum.GetValues<Role>(), (acc, roles) => acc.Intersect(roles)).ToHashSet();
            foreach (var (userName, _, _, roles) in DemoData.Accounts.Where(a => !a.Roles.Any(allowed.Contains)))
            {
                if (!clients.TryGetValue(userName, out var client))
                {
                    clients[userName] = client = await app.SignInAsync(userName);
                }

                using var response = await client.SendAsync(endpoint.Request());
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{endpoint.Key} answered {(int)response.StatusCode} to {userName} ({string.Join(",", roles)})");
                checkedCount++;
            }
        }

        Assert.True(checkedCount > 0);
    }

    private IEnumerable<MappedEndpoint> Endpoints() => MappedEndpoint.All(app);
}

public sealed class EndpointAuthorisationTests_Sqlite(SqliteApp app) : EndpointAuthorisationTests(app), IClassFixture<SqliteApp>;

public sealed class EndpointAuthorisationTests_Postgres(PostgresApp app) : EndpointAuthorisationTests(app), IClassFixture<PostgresApp>;
