using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Hotline.Infrastructure.Messaging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hotline.Bench.Citizens;

/// <summary>
/// Issue 18: citizens' submissions through the citizen API (Kestrel on loopback, citizen token, validation, EF Core,
/// PostgreSQL: the submission and its SMS in the outbox in one transaction) offered at a steady rate (100/s by default,
/// open loop: a request starts every 10 ms whatever the earlier ones do), then as fast as a few clients can; in the same
/// run, raw single-row INSERTs of the same rows into the same table.
/// </summary>
public sealed class CitizenSubmissionBenchmark : IBenchmark
{
    public string Name => "citizen-submissions";

    public string Description => "POST /api/citizen/submissions on PostgreSQL at a steady rate: p50/p99, the closed-loop ceiling, raw INSERTs (--rate 100 --seconds 30 --warmup 10 --clients 8)";

    public async Task<int> RunAsync(BenchContext context)
    {
        var rate = context.GetInt("rate", 100);
        var seconds = context.GetInt("seconds", 30);
        var warmup = context.GetInt("warmup", 10);
        var clients = context.GetInt("clients", 8);
        var connectionString = await Measure.CreateDatabaseAsync("bench_citizen");
        await using var app = await BenchApp.BuildAsync(connectionString, new Dictionary<string, string?>
        {
            ["Citizens:RequestsPerAddressPerMinute"] = "10000000",
            // Interception stays on the path and runs its checks; its flood limits are raised so that the bench's ten
            // citizens, each submitting thousands of times, are measured rather than stopped.
            ["Interception:SubmissionsPerPhonePerHour"] = "10000000",
            ["Interception:SubmissionsPerAddressPerHour"] = "10000000",
        }, start: true);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var handler = new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 256 };
        using var http = new HttpClient(handler) { BaseAddress = address };

        // Ten verified citizens (the codes' per-address limit allows twenty an hour from one address).
        var sink = app.Services.GetRequiredService<DevelopmentCitizenMessageSink>();
        var tokens = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var phone = "1380000" + i.ToString("D4", CultureInfo.InvariantCulture);
            (await http.PostAsJsonAsync("/api/citizen/codes", new { phone, purpose = "submit" })).EnsureSuccessStatusCode();
            using var verified = await http.PostAsJsonAsync("/api/citizen/codes/verify", new { phone, purpose = "submit", code = sink.LastCodeFor(phone) });
            verified.EnsureSuccessStatusCode();
            tokens.Add((await verified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!);
        }

        var sent = 0;
        async Task<bool> SubmitAsync()
        {
            var n = Interlocked.Increment(ref sent);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/citizen/submissions") { Content = JsonContent.Create(Body(n)) };
            request.Headers.Add("X-Citizen-Token", tokens[n % tokens.Count]);
            using var response = await http.SendAsync(request);
            return (int)response.StatusCode == 201;
        }

        Console.Error.WriteLine($"warming up for {warmup} s…");
        await ClosedLoopAsync(clients, TimeSpan.FromSeconds(warmup), SubmitAsync);
        Console.Error.WriteLine($"offering {rate}/s for {seconds} s…");
        var paced = await PacedAsync(rate, TimeSpan.FromSeconds(seconds), SubmitAsync);
        Console.Error.WriteLine($"closed loop, {clients} clients, {seconds} s…");
        var ceiling = await ClosedLoopAsync(clients, TimeSpan.FromSeconds(seconds), SubmitAsync);
        Console.Error.WriteLine($"raw INSERTs, {clients} connections, {seconds} s…");
        var raw = await ClosedLoopRawAsync(connectionString, clients, TimeSpan.FromSeconds(seconds));
        await app.StopAsync();

        Console.WriteLine(Measure.Header("Citizen submissions through the citizen API (PostgreSQL)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            | measure | API at {rate}/s offered (open loop) | API as fast as {clients} clients go | raw single-row INSERT, {clients} connections (baseline) |
            |---|---|---|---|
            | throughput | **{Measure.Rate(paced.PerSecond)}** | {Measure.Rate(ceiling.PerSecond)} | {Measure.Rate(raw.PerSecond)} |
            | p50 latency | **{Measure.Ms(paced.P50)}** | {Measure.Ms(ceiling.P50)} | {Measure.Ms(raw.P50)} |
            | p99 latency | **{Measure.Ms(paced.P99)}** | {Measure.Ms(ceiling.P99)} | {Measure.Ms(raw.P99)} |
            | operations | {paced.Count:#,0} ({paced.Errors} errors) | {ceiling.Count:#,0} ({ceiling.Errors} errors) | {raw.Count:#,0} |

            Each submission: one HTTP request with the citizen token (data protection), the field checks, the category looked up, and one
            transaction inserting the submission and its "received" SMS into the outbox. Load generator in the server's process, PostgreSQL 15
            on the same machine, fsync as the throwaway cluster of bench/run.sh has it (off). The raw baseline inserts the same row (same
            columns, same text) per autocommit statement over prepared Npgsql connections, into the same table.
            """));
        return 0;
    }

    private static object Body(int n) => new
    {
        requestType = "complaint",
        categoryCode = "0101",
        regionCode = "990102001",
        address = "明珠小区3栋2单元",
        latitude = 30.1,
        longitude = 120.2,
        description = $"小区3栋电梯停运两周，物业一直不修，老人上下楼非常困难。第{n}次提交。",
        demand = "请督促物业尽快修复电梯。",
        citizenName = "张三",
    };

    private sealed record Result(int Count, int Errors, double PerSecond, double P50, double P99);

    private static Result Summarise(ConcurrentBag<double> latencies, int errors, TimeSpan elapsed)
    {
        var sorted = latencies.Order().ToList();
        return new Result(sorted.Count, errors, sorted.Count / elapsed.TotalSeconds, Measure.Percentile(sorted, 50), Measure.Percentile(sorted, 99));
    }

    private static async Task<Result> PacedAsync(int rate, TimeSpan duration, Func<Task<bool>> operation)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var watch = Stopwatch.StartNew();
        var pending = new List<Task>();
        var total = (int)(rate * duration.TotalSeconds);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)rate);
            if (due > watch.Elapsed)
            {
                await Task.Delay(due - watch.Elapsed);
            }

            pending.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await operation();
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }));
        }

        await Task.WhenAll(pending);
        return Summarise(latencies, errors, watch.Elapsed);
    }

    private static async Task<Result> ClosedLoopAsync(int clients, TimeSpan duration, Func<Task<bool>> operation)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (watch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await operation();
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        return Summarise(latencies, errors, watch.Elapsed);
    }

    private static async Task<Result> ClosedLoopRawAsync(string connectionString, int clients, TimeSpan duration)
    {
        var next = 0L;
        var latencies = new ConcurrentBag<double>();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO citizen_submissions (number, channel, phone, phone_key, citizen_name, request_type, category_code, region_code, address,
                    latitude, longitude, description, demand, is_anonymous, is_confidential, state, submitted_at_utc, version)
                VALUES (@number, 'Web', '13800000001', @key, '张三', 'Complaint', '0101', '990102001', '明珠小区3栋2单元', 30.1, 120.2, @description,
                    '请督促物业尽快修复电梯。', false, false, 'Queued', now(), 0)
                """, connection);
            var number = command.Parameters.Add(new NpgsqlParameter("number", NpgsqlTypes.NpgsqlDbType.Varchar));
            command.Parameters.AddWithValue("key", new string('a', 64));
            var description = command.Parameters.Add(new NpgsqlParameter("description", NpgsqlTypes.NpgsqlDbType.Varchar));
            await command.PrepareAsync();
            while (watch.Elapsed < duration)
            {
                var n = Interlocked.Increment(ref next);
                number.Value = string.Create(CultureInfo.InvariantCulture, $"R{n:D18}");
                description.Value = $"小区3栋电梯停运两周，物业一直不修，老人上下楼非常困难。第{n}次提交。";
                var started = Stopwatch.GetTimestamp();
                await command.ExecuteNonQueryAsync();
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        return Summarise(latencies, 0, watch.Elapsed);
    }
}
