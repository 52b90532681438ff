using Hotline.Tests.Infrastructure;

namespace Hotline.Tests.Browser;

/// <summary>
/// The base of the browser tests that move the shared application's clock: it is set back to <see cref="AppFixture.DefaultNow"/>
/// before and after each test, so a test that travels in time leaves the next one where it expects to start.
/// </summary>
public abstract class ClockResetBrowserTests(AppFixture app) : IAsyncLifetime
{
    public Task InitializeAsync()
    {
        app.Time.Set(AppFixture.DefaultNow);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        app.Time.Set(AppFixture.DefaultNow);
        return Task.CompletedTask;
    }
}
