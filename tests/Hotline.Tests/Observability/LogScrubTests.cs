using System.Net;
using System.Text.RegularExpressions;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.Extensions.Logging;

namespace Hotline.Tests.Observability;

/// <summary>
/// No log line carries a caller's phone number or name (issue 13): the flows that handle them (registering, the caller's
/// history, revealing the caller, searching, a failed sign-in typed with a phone or a name) run against a server whose
/// every log line, at every level and with EF Core's commands, is kept; none contains the phone (whole, with spaces or
/// dashes, or with its middle digits beside either end) or the name.
/// </summary>
public abstract partial class LogScrubTests(LogScrubTests.ScrubbedApp app)
{
    private const string Phone = "13987654321";
    private const string Name = "欧阳明珠";

    private readonly WorkOrderApi _api = new(app);

    [Fact]
    public async Task FlowsWithACallersPhoneAndName_LeaveNeitherInAnyLogLine()
    {
        var order = WorkOrderApi.Order(subject: "噪音扰民", phone: Phone, callerName: Name);
        var id = await _api.Dispatched(order);
        var agent = await _api.As("agent");
        await agent.PostJsonAsync("/api/callers/history", new { phone = Phone }).ShouldBeOk();
        await agent.PostJsonAsync("/api/repeat-candidates", new { phone = Phone, subject = "噪音扰民", events = "夜间施工噪音", regionCode = "990102001" }).ShouldBeOk();
        var revealed = await _api.Ok("handler", id, "reveal-caller", new { reason = "电话联系市民核实" });
        Assert.Equal(Phone, revealed.GetProperty("phone").GetString());
        await agent.GetAsync("/api/search?kind=work_order&q=" + Uri.EscapeDataString(Name)).ShouldBeOk();
        await agent.GetAsync("/api/work-orders/search?q=" + Uri.EscapeDataString(Phone)).ShouldBeOk();
        foreach (var userName in new[] { Phone, Name, "agent" })
        {
            using var failed = await app.Anonymous().PostJsonAsync("/api/auth/login", new { userName, password = "Not-The-Password-1" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        // The timeline's followers (repeat index, live updates, routing outcomes) read the new entries within a second or two.
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var lines = app.Capture.Lines.ToList();
        Assert.Contains(lines, l => l.Contains("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal) && l.Contains("INSERT", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Failed sign-in", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("RequestId", StringComparison.Ordinal));
        var leaks = Leaks(lines, Phone, Name).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} of {lines.Count} log lines carry the caller's phone or name:\n" + string.Join("\n", leaks.Take(10)));
    }

    [Fact]
    public void Leaks_FindThePhoneInItsWrittenForms_AndTheName_NotTheMaskedPhone()
    {
        string[] lines =
        [
            "call from 139 8765 4321", "call from 139-8765-4321", "call from +86 13987654321", "prefix 1398765****",
            "suffix ***87654321", "caller 欧阳明珠 rang", "GET /api/search?q=%E6%AC%A7%E9%98%B3%E6%98%8E%E7%8F%A0", "masked 139****4321", "order 2026030200001",
        ];

        Assert.Equal(lines[..7], Leaks(lines, Phone, Name));
    }

    /// <summary>Lines with the phone (separators removed: whole, or its middle digits with either end) or the name (also as a URL writes it).</summary>
    private static IEnumerable<string> Leaks(IEnumerable<string> lines, string phone, string name) =>
        lines.Where(line =>
        {
            var compact = Separators().Replace(line, string.Empty);
            return compact.Contains(phone[..7], StringComparison.Ordinal)
                || compact.Contains(phone[3..], StringComparison.Ordinal)
                || line.Contains(name, StringComparison.Ordinal)
                || line.Contains(Uri.EscapeDataString(name), StringComparison.OrdinalIgnoreCase);
        });

    [GeneratedRegex(@"[\s\-.()\u00a0]")]
    private static partial Regex Separators();

    public abstract class ScrubbedApp(DatabaseProvider provider) : AppFixture(provider)
    {
        public LogCapture Capture { get; } = new();

        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Logging:Capture:LogLevel:Default", "Trace")];

        protected override void ConfigureBuilder(WebApplicationBuilder builder) => builder.Logging.AddProvider(Capture);
    }

    public sealed class ScrubbedSqliteApp() : ScrubbedApp(DatabaseProvider.Sqlite);

    public sealed class ScrubbedPostgresApp() : ScrubbedApp(DatabaseProvider.Postgres);
}

public sealed class LogScrubTests_Sqlite(LogScrubTests.ScrubbedSqliteApp app) : LogScrubTests(app), IClassFixture<LogScrubTests.ScrubbedSqliteApp>;

public sealed class LogScrubTests_Postgres(LogScrubTests.ScrubbedPostgresApp app) : LogScrubTests(app), IClassFixture<LogScrubTests.ScrubbedPostgresApp>;
