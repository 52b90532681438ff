using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hotline.Bench.Intake;

/// <summary>
/// Issue 14: how long after the agent stops typing 事件过程 the knowledge suggestions are on screen, in the real workbench
/// (Release build, Debian Chromium, PostgreSQL). Each try types one account of a call key by key; the time runs from the
/// last keystroke (the textarea's last input event) to the first frame in which the panel shows the article expected for
/// that text. The raw baseline in the same run: the suggestion endpoint's own latency for the same texts, over HTTP.
/// </summary>
public sealed class IntakeSuggestionsBenchmark : IBenchmark
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Accounts of calls as agents type them, each with the article that must come first.</summary>
    private static readonly (string Text, string Expected)[] Calls =
    [
        ("来电人反映小区旁工地每天夜间施工到凌晨，噪音扰民", "夜间施工噪音扰民答复口径"),
        ("市民反映家里突然没水了，水压也低", "自来水停水、水压低报修"),
        ("来电人咨询燃气泄漏闻到煤气味怎么办", "燃气泄漏紧急处置口径"),
        ("来电反映小区物业不作为，物业服务差", "物业服务纠纷答复口径（东城区）"),
    ];

    public string Name => "intake-suggestions";

    public string Description => "Intake page: last keystroke in 事件过程 → knowledge suggestions shown (Chromium), and the endpoint's own latency (--tries 40)";

    public async Task<int> RunAsync(BenchContext context)
    {
        var tries = context.GetInt("tries", 40);
        var chromium = context.Get("chromium", Environment.GetEnvironmentVariable("HOTLINE_CHROMIUM") ?? "/usr/bin/chromium");
        var connection = await Measure.CreateDatabaseAsync("bench_suggest");
        var workbench = Path.GetFullPath(context.Get("workbench", "web/dist"));
        if (!File.Exists(Path.Combine(workbench, "index.html")))
        {
            throw new InvalidOperationException($"No built workbench at {workbench}: build it (cd web && npm run build) or pass --workbench <folder>.");
        }

        await using var app = await BenchApp.BuildAsync(connection, new Dictionary<string, string?> { ["Workbench:Path"] = workbench }, start: true);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        // The baseline: the endpoint alone, the same texts, one client.
        using var http = new HttpClient { BaseAddress = address };
        using (var login = await http.PostAsJsonAsync("/api/auth/login", new { userName = "agent", password = "Hotline@12345" }))
        {
            login.EnsureSuccessStatusCode();
            http.DefaultRequestHeaders.Add("Cookie", BenchApp.SessionCookie(login));
        }

        var endpoint = new List<double>();
        for (var i = 0; i < tries + 5; i++)
        {
            var (text, _) = Calls[i % Calls.Length];
            var watch = Stopwatch.StartNew();
            using var response = await http.PostAsJsonAsync("/api/knowledge/suggestions", new { text, regionCode = (string?)null, limit = 5 });
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            if (i >= 5)
            {
                endpoint.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        using var playwright = await Playwright.CreateAsync();
        playwright.Selectors.SetTestIdAttribute("data-test");
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = address.ToString(),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        await page.GotoAsync("/login");
        await page.GetByTestId("login-user").FillAsync("agent");
        await page.GetByTestId("login-password").FillAsync("Hotline@12345");
        await page.GetByTestId("login-password").PressAsync("Enter");
        await page.GetByTestId("shell-user").WaitForAsync();
        await page.GetByTestId("nav-intake").ClickAsync();
        var events = page.GetByTestId("intake-events");
        await events.WaitForAsync();
        await page.EvaluateAsync("""
            () => {
              window.__lastInput = 0;
              document.querySelector('[data-test="intake-events"]').addEventListener('input', () => { window.__lastInput = performance.now() });
            }
            """);

        var shown = new List<double>();
        for (var i = 0; i < tries + 2; i++)
        {
            var (text, expected) = Calls[i % Calls.Length];
            await events.FillAsync(string.Empty);
            await page.WaitForTimeoutAsync(600);

            // Key by key, as an agent types (an IME commits a word at a time; a key per character is the harder case).
            await events.PressSequentiallyAsync(text, new LocatorPressSequentiallyOptions { Delay = 60 });
            var handle = await page.WaitForFunctionAsync(
                """
                (expected) => {
                  const first = document.querySelector('[data-test="knowledge-panel"] .kb-item .kb-hit-title');
                  const loading = document.querySelector('[data-test="knowledge-panel"] .el-loading-mask');
                  if (!first || first.textContent.trim() !== expected || (loading && loading.offsetParent !== null)) return false;
                  return performance.now() - window.__lastInput;
                }
                """,
                expected,
                new PageWaitForFunctionOptions { PollingInterval = null, Timeout = 15_000 });
            var ms = await handle.JsonValueAsync<double>();
            if (i >= 2)
            {
                shown.Add(ms);
            }
        }

        await page.CloseAsync();
        await app.StopAsync();
        endpoint.Sort();
        shown.Sort();
        Console.WriteLine(Measure.Header("Intake suggestions: last keystroke → cards shown (`intake-suggestions`)"));
        Console.WriteLine("| Measured | Tries | p50 | p95 | max |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Row("Workbench: last keystroke in 事件过程 → the expected article first in the panel (Chromium)", shown);
        Row("Baseline: `POST /api/knowledge/suggestions` alone (HTTP, same texts)", endpoint);
        Console.WriteLine(string.Create(Inv, $"\nSeeded demo platform on PostgreSQL, Release build, headless Debian Chromium at 1366×768; {Calls.Length} accounts of calls typed key by key (60 ms apart) in turn; the first tries are warm-up."));
        return 0;

        static void Row(string what, List<double> sorted) => Console.WriteLine(string.Create(Inv,
            $"| {what} | {sorted.Count} | {Measure.Ms(Measure.Percentile(sorted, 50))} | {Measure.Ms(Measure.Percentile(sorted, 95))} | {Measure.Ms(sorted[^1])} |"));
    }
}
