using System.Globalization;
using Hotline.Domain.Analytics;
using Hotline.Features.Assessment;
using Hotline.Features.Assessment.Dashboards;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Hotline.Tests.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Dashboards;

/// <summary>
/// Issue 17, the dashboards on pre-aggregated counts: after a random mix of lifecycle actions every dashboard answers the
/// same JSON through <c>dashboard_counts</c> as through a GROUP BY over the orders, before the follower ran (the read
/// corrects the orders past its cursor) and after; a rebuild gives the same rows as the incremental maintenance; a
/// unit's leader still sees only its subtree. The same for readers of a unit subtree, read from their scope's counts: a
/// leaf (住建局's leader), a leaf that co-handles orders led elsewhere (the water company), and a parent (东城区's hotline
/// office, which oversees the district), with orders dispatched and redispatched with co-units.
/// </summary>
public abstract class DashboardCountsTests(AppFixture app) : WorkOrderHttpTests(app)
{
    private const string March = "from=2026-03-01&to=2026-03-31";

    [Fact]
    public async Task EveryDashboard_IsTheSameThroughTheCountsAsThroughTheOrders_BeforeAndAfterTheFollower_AndAfterARebuild()
    {
        var follower = App.Services.GetRequiredService<AssessmentFollower>();
        await follower.StopAsync(default); // this class's server: the follower runs only when the test says
        Assert.NotNull(await follower.RebuildAsync(default)); // the cursor exists, at the timeline's end
        await MixAsync();

        // Before the follower: the stored counts miss the new orders, the read corrects them.
        var stored = await StoredTotalAsync();
        Assert.True(await OrdersAsync() > stored);
        Assert.Equal(await OrdersAsync(), await CorrectedTotalAsync()); // the counts answer (not the orders' fallback), corrected
        await AssertScopesAnswerAsync();
        await AssertSameAsync();

        await follower.RunOnceAsync(default);
        Assert.Equal(await OrdersAsync(), await StoredTotalAsync());
        await AssertScopesAnswerAsync();
        await AssertSameAsync();

        var incremental = await CountRowsAsync();
        Assert.Contains(incremental, r => r.StartsWith("|" + DashboardKeys.Unit + "/", StringComparison.Ordinal));
        Assert.Contains(incremental, r => r.StartsWith("/AL/AL-WATER/|", StringComparison.Ordinal));
        Assert.Contains(incremental, r => r.StartsWith("/AL/AL-DC/|", StringComparison.Ordinal));
        Assert.Contains(incremental, r => r.StartsWith("/AL/AL-XC/|", StringComparison.Ordinal)); // a subtree that sees orders only as a co-unit
        var coUnitPaths = await CoUnitPathsAsync();
        Assert.Contains(coUnitPaths, p => p.Contains(' ', StringComparison.Ordinal)); // an order with two co-units
        Assert.NotNull(await follower.RebuildAsync(default));
        Assert.Equal(incremental, await CountRowsAsync());
        Assert.Equal(coUnitPaths, await CoUnitPathsAsync()); // the facts keep the co-units the counts were made with
        await AssertSameAsync();

        // A unit's leader reads its own subtree (the orders' path): the list's count, less than the platform's.
        var own = await (await Api.As("unitlead")).GetAsync($"/api/dashboards/volume?{March}").ShouldBeOk();
        var listed = await (await Api.As("unitlead")).GetAsync($"/api/work-orders?pageSize=1&{March}").ShouldBeOk();
        Assert.Equal(listed.GetProperty("total").GetInt64(), own.GetProperty("total").GetInt64());
        var all = await (await Api.As("leader")).GetAsync($"/api/dashboards/volume?{March}").ShouldBeOk();
        Assert.True(own.GetProperty("total").GetInt64() < all.GetProperty("total").GetInt64());
    }

    /// <summary>Orders registered in March across channels, categories and regions, dispatched, returned, redispatched, corrected, merged, replied and closed.</summary>
    private async Task MixAsync()
    {
        var random = new Random(1765);
        var zj = await Api.UnitId("AL-DC-ZJ");
        var cg = await Api.UnitId("AL-DC-CG");
        var water = await Api.UnitId("AL-WATER");
        string[] categories = ["010101", "010102", "010201", "010302", "0201"];
        string[] regions = ["990102001", "990102002", "990103001", "990102"];
        string[] channels = ["phone", "weChat", "web"];
        long[] coHandlers = [zj, water, await Api.UnitId("AL-DC-DH"), await Api.UnitId("AL-XC-CG")];
        long[] CoUnits(long lead) => random.Next(3) == 0 ? [] : [.. coHandlers.Where(u => u != lead && random.Next(2) == 0)];
        var ids = new List<long>();
        for (var i = 0; i < 24; i++)
        {
            if (i == 12)
            {
                App.Time.Set(AppFixture.DefaultNow.AddDays(12));
                Api.SignOutAll();
            }

            var order = WorkOrderApi.Order(subject: $"计数工单{i}", phone: $"1390001{i:D4}", region: regions[random.Next(regions.Length)],
                category: categories[random.Next(categories.Length)], channel: channels[random.Next(channels.Length)]);
            var id = await Api.RegisterId(order);
            ids.Add(id);
            if (random.Next(4) == 0)
            {
                var corrected = WorkOrderApi.Order(subject: $"计数工单{i}", phone: $"1390001{i:D4}", region: regions[random.Next(regions.Length)],
                    category: categories[random.Next(categories.Length)], channel: channels[random.Next(channels.Length)]);
                await Api.Ok("agent", id, "correct", Corrected(corrected));
            }

            if (random.Next(5) == 0)
            {
                continue; // left awaiting dispatch: no lead unit
            }

            var holder = random.Next(2) == 0 ? ("handler", zj, "water", water) : ("water", water, "handler", zj);
            await Api.Act("dispatcher", id, "dispatch", new { leadUnitId = holder.Item2, coUnitIds = CoUnits(holder.Item2) });
            for (var step = 0; step < 5; step++)
            {
                var user = holder.Item1;
                switch (random.Next(7))
                {
                    case 0:
                        if ((await Api.Act(user, id, "return", new { reason = "不属本单位职责", basis = "三定方案", suggestedUnitId = holder.Item4 })).IsSuccessStatusCode)
                        {
                            if (random.Next(2) == 0 && (await Api.Act("dispatcher", id, "approve-return", new { note = "同意", leadUnitId = holder.Item4 })).IsSuccessStatusCode)
                            {
                                holder = (holder.Item3, holder.Item4, holder.Item1, holder.Item2);
                            }
                            else
                            {
                                await Api.Act("dispatcher", id, "reject-return", new { reason = "属本单位职责" });
                            }
                        }

                        break;
                    case 1:
                        await Api.Act(user, id, "sign");
                        await Api.Act(user, id, "reply", new { result = "已处理", citizenContacted = true, contactMethod = "phone", outcome = "resolved" });
                        await Api.Act("dispatcher", id, "accept-reply");
                        break;
                    case 2: await Api.Act("callback", id, "close", new { reason = "exemptFromCallback", note = "依法依规已答复" }); break;
                    case 3 when ids.Count > 1: await Api.Act("agent", id, "merge", new { targetId = ids[random.Next(ids.Count - 1)] }); break;
                    case 4: await Api.Act("dispatcher", id, "redispatch", new { leadUnitId = cg, note = "重新派发", coUnitIds = CoUnits(cg) }); break;
                    default: await Api.Act(user, id, "sign"); break;
                }
            }
        }
    }

    /// <summary>Every dashboard, as the leader (the whole platform: the counts), equal to the same request counted over the orders.</summary>
    private async Task AssertSameAsync()
    {
        var city = await Api.UnitId("AL");
        var dongcheng = await Api.UnitId("AL-DC");
        string[] urls =
        [
            $"volume?grain=day&{March}", $"volume?grain=week&{March}", $"volume?grain=month&from=2026-03-01&to=2026-04-30",
            $"volume?channel=weChat&{March}", $"volume?requestType=complaint&{March}", $"volume?categoryCode=0101&{March}",
            $"volume?regionCode=990102&{March}", $"volume?regionCode=990102001&{March}", $"volume?unitSubtree={dongcheng}&{March}",
            $"volume?channel=phone&categoryCode=01&{March}",
            $"breakdown?dimension=channel&{March}", $"breakdown?dimension=requestType&{March}", $"breakdown?dimension=channel&channel=web&{March}",
            $"breakdown?dimension=category&{March}", $"breakdown?dimension=category&parent=01&{March}", $"breakdown?dimension=category&parent=0101&{March}",
            $"breakdown?dimension=category&categoryCode=01&{March}", $"breakdown?dimension=category&channel=phone&{March}",
            $"breakdown?dimension=region&{March}", $"breakdown?dimension=region&parent=990102&{March}", $"breakdown?dimension=region&parent=990102001&{March}",
            $"breakdown?dimension=unit&{March}", $"breakdown?dimension=unit&parent={city}&{March}", $"breakdown?dimension=unit&parent={dongcheng}&{March}",
            $"breakdown?dimension=unit&unitSubtree={dongcheng}&{March}",
            $"rising?level=1&minVolume=1&{March}", $"rising?level=2&minVolume=1&{March}", $"rising?level=3&minVolume=1&from=2026-03-10&to=2026-03-20",
            "forecast?weeks=4", "forecast?dimension=category", "forecast?dimension=category&parent=01", "forecast?dimension=region", "forecast?dimension=region&regionCode=990102",
        ];
        var options = App.Services.GetRequiredService<DashboardReadOptions>();
        foreach (var user in new[] { "leader", "unitlead", "water", "dcoffice" })
        {
            var client = await Api.As(user);
            // The city is outside every unit's scope, 东城区 outside all but its hotline office's; each reads its own unit breakdown.
            foreach (var url in urls.Where(u => user == "leader" || !u.Contains("unit", StringComparison.Ordinal)
                || (user == "dcoffice" && !u.Contains($"={city}&", StringComparison.Ordinal)) || u == $"breakdown?dimension=unit&{March}"))
            {
                options.OrdersOnly = false;
                var counted = await client.GetAsync($"/api/dashboards/{url}").ShouldBeOk();
                options.OrdersOnly = true;
                var recounted = await client.GetAsync($"/api/dashboards/{url}").ShouldBeOk();
                options.OrdersOnly = false;
                Assert.True(recounted.GetRawText() == counted.GetRawText(), $"{user} {url}: {counted.GetRawText()} ≠ {recounted.GetRawText()}");
            }
        }
    }

    private async Task<long> OrdersAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<Hotline.Domain.WorkOrders.WorkOrder>().LongCountAsync();
    }

    private async Task<long> StoredTotalAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<DashboardCountRow>().AsNoTracking()
            .Where(r => r.Scope == DashboardKeys.Platform && r.Dimension == DashboardKeys.All).Select(r => r.Orders).ToListAsync();
        return rows.Sum();
    }

    private async Task<long> CorrectedTotalAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var reader = new DashboardCountReader(scope.ServiceProvider.GetRequiredService<HotlineDbContext>(), new DashboardReadOptions());
        var rows = await reader.ReadAsync(new CountSelection(DashboardKeys.All), new DateOnly(2000, 1, 1), new DateOnly(2100, 1, 1), CountGrouping.Day, default);
        Assert.NotNull(rows);
        return rows.Sum(r => r.Count);
    }

    /// <summary>Each subtree reader's total is answered by its scope's counts (not the orders' fallback) and is its list's count.</summary>
    private async Task AssertScopesAnswerAsync()
    {
        foreach (var (user, scopePath) in new[] { ("unitlead", "/AL/AL-DC/AL-DC-ZJ/"), ("water", "/AL/AL-WATER/"), ("dcoffice", "/AL/AL-DC/") })
        {
            await using var scope = App.Services.CreateAsyncScope();
            var reader = new DashboardCountReader(scope.ServiceProvider.GetRequiredService<HotlineDbContext>(), new DashboardReadOptions());
            var rows = await reader.ReadAsync(
                new CountSelection(DashboardKeys.All, Scope: scopePath), new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), CountGrouping.Day, default);
            Assert.NotNull(rows);
            var listed = await (await Api.As(user)).GetAsync($"/api/work-orders?pageSize=1&{March}").ShouldBeOk();
            Assert.Equal(listed.GetProperty("total").GetInt64(), rows.Sum(r => r.Count));
        }
    }

    private async Task<List<string>> CoUnitPathsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<AssessmentFactRow>().AsNoTracking()
            .Where(f => f.UnitId == 0 && f.CoUnitPaths != null).OrderBy(f => f.WorkOrderId).Select(f => f.WorkOrderId + ":" + f.CoUnitPaths).ToListAsync();
        return rows;
    }

    private async Task<List<string>> CountRowsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<DashboardCountRow>().AsNoTracking().ToListAsync();
        return rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Scope}|{r.Dimension}/{r.Day:yyyy-MM-dd}/{r.Key}/{r.Orders}")).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A correction's body: the order's fields without the intake outcome.</summary>
    private static System.Text.Json.JsonElement Corrected(object order)
    {
        var element = System.Text.Json.JsonSerializer.SerializeToElement(order, AppFixture.Json);
        return System.Text.Json.JsonSerializer.SerializeToElement(element.EnumerateObject().Where(p => p.Name != "outcome").ToDictionary(p => p.Name, p => p.Value), AppFixture.Json);
    }
}

public sealed class DashboardCountsTests_Sqlite(SqliteApp app) : DashboardCountsTests(app), IClassFixture<SqliteApp>;

public sealed class DashboardCountsTests_Postgres(PostgresApp app) : DashboardCountsTests(app), IClassFixture<PostgresApp>;
