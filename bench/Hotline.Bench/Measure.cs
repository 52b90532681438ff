using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Hotline.Bench;

/// <summary>Timing helpers shared by the benchmarks: percentiles, machine description, a scratch database.</summary>
public static class Measure
{
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = p / 100.0 * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    public static string Ms(double milliseconds) => milliseconds.ToString(milliseconds < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Rate(double perSecond) => perSecond.ToString("#,0", CultureInfo.InvariantCulture) + "/s";

    /// <summary>Runs <paramref name="action"/> and returns the elapsed milliseconds.</summary>
    public static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    }

    public static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), {memory:0} GiB, {Environment.OSVersion}, .NET {Environment.Version}");
    }

    public static string Header(string title) =>
        string.Create(CultureInfo.InvariantCulture, $"### {title}\n\nMeasured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Machine()}.\n");

    /// <summary>Creates an empty UTF-8 database on the benchmark server and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{DateTime.UtcNow:HHmmss}_{Guid.NewGuid():N}"[..40];
        await using var connection = new NpgsqlConnection(BenchContext.PostgresAdmin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(BenchContext.PostgresAdmin) { Database = name, MaxPoolSize = 200 }.ToString();
    }

    /// <summary>
    /// Busy jiffies of the whole machine from /proc/stat (all cores, steal included), so a run can say how much CPU went
    /// to other processes (the database) beside its own. Zero where /proc is missing.
    /// </summary>
    public static long MachineBusy()
    {
        if (!File.Exists("/proc/stat"))
        {
            return 0;
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return fields.Take(8).Sum() - fields[3] - fields[4];
    }

    /// <summary>Milliseconds of CPU (all cores) the whole machine spent busy between two <see cref="MachineBusy"/> readings.</summary>
    public static double MachineBusyMs(long before, long after) => (after - before) * 1000.0 / ClockTicksPerSecond;

    /// <summary>USER_HZ, the unit of /proc/stat, is 100 on every Linux build .NET runs on.</summary>
    private const double ClockTicksPerSecond = 100;
}
