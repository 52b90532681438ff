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

    /// <summary>A person's usual screen; issue 14 checks every role's main screen at <see cref="Small"/> too.</summary>
    public static readonly ViewportSize Usual = new() { Width = 1366, Height = 820 };

    /// <summary>The smallest screen the workbench is built for (issue 14): 1280×720.</summary>
    public static readonly ViewportSize Small = new() { Width = 1280, Height = 720 };

    /// <summary>
    /// A fresh browser context (as a new person at a new machine) in Beijing time, the browser in <paramref name="locale"/>;
    /// <paramref name="uiLanguage"/> ("en") is the workbench language the person chose before (kept in the browser).
    /// </summary>
    public async Task<IPage> NewPageAsync(string locale = "zh-CN", ViewportSize? viewport = null, string? uiLanguage = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            Locale = locale,
            TimezoneId = "Asia/Shanghai",
            ViewportSize = viewport ?? Usual,
        });
        context.SetDefaultTimeout(15_000);
        if (uiLanguage is not null)
        {
            await context.AddInitScriptAsync($"localStorage.setItem('hotline.locale', '{uiLanguage}')");
        }

        var page = await context.NewPageAsync();
        var log = new PageLog();
        _logs.AddOrUpdate(page, log);
        page.PageError += (_, error) => log.Add(error);
        // Every console error counts, a refused call too ("Failed to load resource: … 400"): in normal use the page makes
        // no call it expects to be refused (issue 14). A test that provokes a refusal on purpose says so: ExpectRefusal.
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                log.Add(message.Text + (message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal) ? " " + message.Location : string.Empty));
            }
        };
        return page;
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, PageLog> _logs = [];

    /// <summary>
    /// The test provokes a refusal on purpose (a wrong password, a page the role may not open, a rule only the server
    /// knows): a failed load of an address containing <paramref name="path"/> is then not an error of the page.
    /// </summary>
    public void ExpectRefusal(IPage page, string path)
    {
        if (_logs.TryGetValue(page, out var log))
        {
            log.Expect(path);
        }
    }

    /// <summary>The console errors of a page so far (a test of the console itself reads them).</summary>
    public IReadOnlyList<string> ErrorsOf(IPage page) => _logs.TryGetValue(page, out var log) ? log.Errors() : [];

    /// <summary>Ends a test's page: no script error, and no refused call the test did not provoke; its context is closed.</summary>
    public async Task FinishAsync(IPage page)
    {
        var errors = ErrorsOf(page);
        await page.Context.CloseAsync();
        Assert.True(errors.Count == 0, "errors in the page's console: " + string.Join(" | ", errors));
    }

    private sealed class PageLog
    {
        private readonly List<string> _messages = [];
        private readonly List<string> _expected = [];
        private readonly Lock _lock = new();

        public void Add(string message)
        {
            lock (_lock)
            {
                _messages.Add(message);
            }
        }

        public void Expect(string path)
        {
            lock (_lock)
            {
                _expected.Add(path);
            }
        }

        public List<string> Errors()
        {
            lock (_lock)
            {
                return _messages.Where(m => !(m.StartsWith("Failed to load resource", StringComparison.Ordinal) && _expected.Any(p => m.Contains(p, StringComparison.Ordinal)))).ToList();
            }
        }
    }

    /// <summary>Signs in through the login page, as a person does; <paramref name="beforeSignIn"/> prepares the page first (e.g. routes to hold).</summary>
    public async Task<IPage> SignedInPageAsync(string userName, string password = DemoData.DefaultPassword, ViewportSize? viewport = null, string? uiLanguage = null, Func<IPage, Task>? beforeSignIn = null)
    {
        var page = await NewPageAsync(viewport: viewport, uiLanguage: uiLanguage);
        if (beforeSignIn is not null)
        {
            await beforeSignIn(page);
        }

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
