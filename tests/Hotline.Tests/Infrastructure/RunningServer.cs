using System.Net;
using Hotline.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hotline.Tests.Infrastructure;

/// <summary>
/// A server started on an existing database with the fixture's settings and some of one test's own, so that a test can
/// stop it and start another on the same data (a restart, a new certificate, a restored backup).
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public static async Task<RunningServer> StartAsync(
        DatabaseProvider provider, string connectionString, IEnumerable<KeyValuePair<string, string?>> settings, string environment = "Development")
    {
        var builder = HotlineApp.CreateBuilder([], environment);
        builder.Configuration.AddInMemoryCollection(AppFixture.Settings(provider, connectionString));
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.Replace(ServiceDescriptor.Singleton(TimeProvider.System));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = HotlineApp.Build(builder);
        try
        {
            await HotlineApp.InitialiseAsync(app);
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new RunningServer(app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()));
    }

    /// <summary>Signs in and returns the session's Cookie header, to be sent to this server or another one.</summary>
    public async Task<string> SignInAsync(string userName)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = Address };
        using var response = await client.PostJsonAsync("/api/auth/login", new { userName, password = Hotline.Seeding.DemoData.DefaultPassword });
        Assert.True(response.IsSuccessStatusCode, $"sign-in as {userName}: {(int)response.StatusCode}");
        return cookies.GetCookieHeader(new Uri(Address, "/api/auth/me"));
    }

    /// <summary>A GET with a Cookie header (from this server or another), without a cookie container of its own.</summary>
    public async Task<HttpResponseMessage> GetAsync(string path, string cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
