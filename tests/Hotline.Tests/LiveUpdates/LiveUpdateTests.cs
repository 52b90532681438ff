using System.Net;
using System.Threading.Channels;
using Hotline.Features.LiveUpdates;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hotline.Tests.LiveUpdates;

/// <summary>The workbench's live channel: a unit hears of orders in its subtree, and only of those.</summary>
public abstract class LiveUpdateTests(AppFixture app)
{
    private readonly WorkOrderApi _api = new(app);

    [Fact]
    public async Task DispatchedOrder_ReachesTheUnitAndTheCentre_NotAnotherUnit()
    {
        var publisher = app.Services.GetRequiredService<LiveUpdatePublisher>();
        await publisher.PublishNewAsync(CancellationToken.None); // everything before this test is old news
        await using var unit = await ConnectAsync("handler");
        await using var centre = await ConnectAsync("dispatcher");
        await using var other = await ConnectAsync("handler2");

        var id = await _api.Dispatched(WorkOrderApi.Order(subject: "实时推送测试"));
        await publisher.PublishNewAsync(CancellationToken.None);

        var heard = await unit.NextAsync(id);
        Assert.Equal("dispatch", heard.Action);
        Assert.Equal("dispatched", heard.Status);
        Assert.Equal("东城区住房和城乡建设局", heard.LeadUnitName);
        Assert.Equal(id, (await centre.NextAsync(id)).Id);
        Assert.False(await other.HeardAsync(id, TimeSpan.FromMilliseconds(500)));
    }

    /// <summary>
    /// Clients behind proxies that block WebSockets fall back to server-sent events or long polling; the hub once read
    /// the user from the HTTP context, which long polling does not have when the hub runs (issue 13, item 4).
    /// </summary>
    [Theory]
    [InlineData(HttpTransportType.WebSockets)]
    [InlineData(HttpTransportType.ServerSentEvents)]
    [InlineData(HttpTransportType.LongPolling)]
    public async Task EveryTransport_ConnectsASignedInUser_AndDeliversAnOrderInScope(HttpTransportType transport)
    {
        var publisher = app.Services.GetRequiredService<LiveUpdatePublisher>();
        await publisher.PublishNewAsync(CancellationToken.None);
        await using var unit = await ConnectAsync("handler", transport);

        var id = await _api.Dispatched(WorkOrderApi.Order(subject: $"传输方式测试 {transport}"));
        await publisher.PublishNewAsync(CancellationToken.None);

        var heard = await unit.NextAsync(id);
        Assert.Equal("dispatch", heard.Action);
        Assert.Equal("东城区住房和城乡建设局", heard.LeadUnitName);
    }

    [Fact]
    public async Task Hub_RefusesAnAnonymousConnection()
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(app.BaseAddress, "/hubs/work-orders")).Build();

        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public void Ancestors_ListEveryPrefixOfAUnitPath() =>
        Assert.Equal(["/AL/", "/AL/AL-DC/", "/AL/AL-DC/AL-DC-ZJ/"], LiveUpdatePublisher.Ancestors("/AL/AL-DC/AL-DC-ZJ/"));

    private async Task<Listener> ConnectAsync(string userName, HttpTransportType? transport = null)
    {
        var cookies = new CookieContainer();
        using (var handler = new HttpClientHandler { CookieContainer = cookies })
        using (var client = new HttpClient(handler) { BaseAddress = app.BaseAddress })
        {
            await (await client.PostJsonAsync("/api/auth/login", new { userName, password = "Hotline@12345" })).ShouldBe(HttpStatusCode.OK);
        }

        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "/hubs/work-orders"), o =>
            {
                o.Cookies = cookies;
                if (transport is { } only)
                {
                    o.Transports = only;
                }
            })
            .Build();
        var listener = new Listener(connection);
        await connection.StartAsync();
        return listener;
    }

    private sealed class Listener : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly Channel<WorkOrderChanged> _messages = Channel.CreateUnbounded<WorkOrderChanged>();

        public Listener(HubConnection connection)
        {
            _connection = connection;
            connection.On<WorkOrderChanged>(WorkOrderHub.ChangedMethod, m => _messages.Writer.TryWrite(m));
        }

        public async Task<WorkOrderChanged> NextAsync(long id)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (true)
            {
                var message = await _messages.Reader.ReadAsync(timeout.Token);
                if (message.Id == id)
                {
                    return message;
                }
            }
        }

        public async Task<bool> HeardAsync(long id, TimeSpan wait)
        {
            try
            {
                using var timeout = new CancellationTokenSource(wait);
                while (true)
                {
                    if ((await _messages.Reader.ReadAsync(timeout.Token)).Id == id)
                    {
                        return true;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}

public sealed class LiveUpdateTests_Sqlite(SqliteApp app) : LiveUpdateTests(app), IClassFixture<SqliteApp>;

public sealed class LiveUpdateTests_Postgres(PostgresApp app) : LiveUpdateTests(app), IClassFixture<PostgresApp>;
