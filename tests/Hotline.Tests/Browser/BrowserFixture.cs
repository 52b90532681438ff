using Hotline.Seeding;
using Hotline.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hotline.Tests.Browser;

/// <summary>
/// One real server (SQLite, demo platform, test clock) and one headless Chromium for all browser tests; each test
/// opens its own browser context, so cookies and storage never leak between tests.
/// </summary>
/// <remarks>
/// Microsoft.Playwright drives Debian's Chromium (<c>/usr/bin/chromium</c>, or <c>HOTLINE_CHROMIUM</c>): no browser is
/// downloaded. <c>./test.sh</c> installs the package when it is missing. Playwright gives each launch a fresh profile.
/// </remarks>
[SingleDatabase("the browser tests check what a person sees; the HTTP tests behind each screen run on both databases")]
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Collection = "Browser";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private IPlaywright? _playwright;

    public AppFixture App { get; } = new SqliteApp();

    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("HOTLINE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run ./test.sh (it installs Debian's chromium) or set HOTLINE_CHROMIUM.");
        }

        await App.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        _playwright.Selectors.SetTestIdAttribute("data-test");
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        Directory.CreateDirectory(RepositoryPaths.Screenshots);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>A fresh browser context (as a new person at a new machine) in Chinese, in Beijing time.</summary>
    public async Task<IPage> NewPageAsync(string locale = "zh-CN")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            Locale = locale,
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1366, Height = 820 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        _errors.AddOrUpdate(page, errors);
        page.PageError += (_, error) => errors.Add(error);
        // A refused call is logged by the browser as a failed resource load; that is expected, anything else is not.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };
        return page;
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> _errors = [];

    /// <summary>Ends a test's page: no script error may have happened on it; its context is closed.</summary>
    public async Task FinishAsync(IPage page)
    {
        var errors = _errors.TryGetValue(page, out var list) ? list.ToList() : [];
        await page.Context.CloseAsync();
        Assert.True(errors.Count == 0, "script errors in the page: " + string.Join(" | ", errors));
    }

    /// <summary>Signs in through the login page, as a person does.</summary>
    public async Task<IPage> SignedInPageAsync(string userName, string password = DemoData.DefaultPassword)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByTestId("login-user").FillAsync(userName);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-password").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("shell-user")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Saves a full-page screenshot to TestResults/screenshots/{name}.png.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        // Let transitions and charts settle so the picture shows what a person sees.
        await page.WaitForTimeoutAsync(400);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, name + ".png"), FullPage = true });
    }
}

[CollectionDefinition(BrowserFixture.Collection)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserFixture>;
