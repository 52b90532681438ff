using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.WorkOrders;

/// <summary>
/// A test class that talks to the server as the demo accounts: the clock at its default before each test and back at it
/// after (a test may move it), sessions dropped after each test.
/// </summary>
public abstract class WorkOrderHttpTests(AppFixture app) : IAsyncLifetime
{
    internal WorkOrderApi Api { get; } = new(app);

    /// <summary>The server under test (its clock, its services).</summary>
    protected AppFixture App { get; } = app;

    public Task InitializeAsync()
    {
        App.Time.Set(AppFixture.DefaultNow);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        App.Time.Set(AppFixture.DefaultNow);
        Api.SignOutAll();
        return Task.CompletedTask;
    }
}
