using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.WorkOrders;

/// <summary>A test class that talks to the server as the demo accounts: the clock at its default, sessions dropped after each test.</summary>
public abstract class WorkOrderHttpTests(AppFixture app) : IAsyncLifetime
{
    internal WorkOrderApi Api { get; } = new(app);

    public Task InitializeAsync()
    {
        app.Time.Set(AppFixture.DefaultNow);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Api.SignOutAll();
        return Task.CompletedTask;
    }
}
