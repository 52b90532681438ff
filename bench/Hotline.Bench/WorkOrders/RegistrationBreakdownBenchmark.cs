using System.Diagnostics;
using System.Globalization;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Intake;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Search;
using Hotline.Infrastructure.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Bench.WorkOrders;

/// <summary>
/// Where a registration's time goes, step by step and single-threaded, on PostgreSQL: validation, the domain verb,
/// the response DTO, and the database write as the group-commit writer does it (EF, change detection off, through <see cref="WorkOrderStore"/>). Used to find the expensive step when the intake figure moves.
/// </summary>
public sealed class RegistrationBreakdownBenchmark : IBenchmark
{
    public string Name => "work-order-intake-breakdown";

    public string Description => "CPU time per step of a registration, single-threaded, on PostgreSQL (--count 2000)";

    public async Task<int> RunAsync(BenchContext context)
    {
        var count = context.GetInt("count", 2000);
        await using var app = await BenchApp.BuildAsync(await Measure.CreateDatabaseAsync("bench_breakdown"), new Dictionary<string, string?> { ["Seed:DemoWorkOrders"] = "false" });
        var clocks = app.Services.GetRequiredService<WorkOrderClocks>();
        var numbers = app.Services.GetRequiredService<WorkOrderNumbers>();
        var agent = new Actor(1, "agent", new HashSet<Role> { Role.IntakeAgent }, 2, "centre", AccessScope.Platform);
        var request = new RegisterRequest
        {
            Channel = Channel.Phone,
            RequestType = RequestType.Complaint,
            CategoryCode = "010101",
            Urgency = Urgency.Normal,
            Caller = new CallerInput("张三丰", "13812345678", false, false),
            Location = new LocationInput("990102001", "东华街道", "明珠小区", null, null),
            Subject = "电梯故障",
            Events = "小区3栋电梯停运两周，物业不修。",
            Demand = "尽快修复电梯。",
        };

        var steps = new Dictionary<string, double>();
        void Time(string step, Action action)
        {
            var start = Environment.CpuUsage.TotalTime;
            action();
            steps[step] = steps.GetValueOrDefault(step) + (Environment.CpuUsage.TotalTime - start).TotalMilliseconds;
        }

        async Task TimeAsync(string step, Func<Task> action)
        {
            var start = Environment.CpuUsage.TotalTime;
            await action();
            steps[step] = steps.GetValueOrDefault(step) + (Environment.CpuUsage.TotalTime - start).TotalMilliseconds;
        }

        var wall = Stopwatch.StartNew();
        for (var i = 0; i < count + 200; i++)
        {
            if (i == 200)
            {
                steps.Clear();
                wall.Restart();
            }

            WorkOrderContent content = null!;
            WorkOrder order = null!;
            WorkOrderClock clock = null!;
            string number = null!;
            Time("validate input", () => content = request.ToContent(new Validation(), forDispatch: true));
            Time("clock for the order", () => clock = clocks.For(content.RequestType, content.CategoryCode, content.Urgency));
            await TimeAsync("allocate number", async () => number = await numbers.NextAsync(clock.Now, CancellationToken.None));
            Time("domain: WorkOrder.Register", () => order = WorkOrder.Register(number, content, agent, clock));
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
            await TimeAsync("write: order, timeline entry, search document, commit (EF)", () => WriteAsync(scope.ServiceProvider, [order]));
            await using (var baselineScope = app.Services.CreateAsyncScope())
            {
                var baselineDb = baselineScope.ServiceProvider.GetRequiredService<HotlineDbContext>();
                baselineDb.Add(new DataProtectionKeyRow { FriendlyName = "bench", Xml = "<key />" });
                await TimeAsync("baseline: EF SaveChanges of a two-column row", () => baselineDb.SaveChangesAsync());
            }

            if (i % 32 == 0)
            {
                // What group commit pays per order: 32 orders, their timeline entries and search documents in one transaction.
                var orders = new List<WorkOrder>(32);
                for (var k = 0; k < 32; k++)
                {
                    orders.Add(WorkOrder.Register(await numbers.NextAsync(clock.Now, CancellationToken.None), content, agent, clock));
                }

                await using var batchScope = app.Services.CreateAsyncScope();
                // Timed every 32nd registration, so the sum divided by the count below is the cost per order.
                await TimeAsync("group commit: 32 orders in one transaction, per order", () => WriteAsync(batchScope.ServiceProvider, orders));
            }

            Time("response DTO", () => WorkOrderDto.From(order, agent, clock.Calendar, clock.Now));
            Time("response JSON", () => System.Text.Json.JsonSerializer.Serialize(WorkOrderDto.From(order, agent, clock.Calendar, clock.Now)));
        }

        Console.WriteLine(Measure.Header("Registration, step by step (single thread, PostgreSQL)"));
        Console.WriteLine("| step | CPU per registration |\n|---|---|");
        foreach (var (step, ms) in steps)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step} | {ms / count:0.000} ms |"));
        }

        var total = steps.Where(s => !s.Key.StartsWith("baseline", StringComparison.Ordinal) && !s.Key.StartsWith("group commit", StringComparison.Ordinal)).Sum(s => s.Value);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **total of the registration steps** | **{total / count:0.000} ms** |"));
        return 0;
    }

    /// <summary>The write as <see cref="RegistrationWriter"/> does it: new orders only, so change detection is off.</summary>
    private static Task WriteAsync(IServiceProvider services, IReadOnlyCollection<WorkOrder> orders)
    {
        var db = services.GetRequiredService<HotlineDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Set<WorkOrder>().AddRange(orders);
        return services.GetRequiredService<WorkOrderStore>().SaveAsync(orders, CancellationToken.None);
    }
}
