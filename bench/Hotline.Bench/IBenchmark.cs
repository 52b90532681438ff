namespace Hotline.Bench;

/// <summary>One benchmark, run by name: <c>bench/run.sh &lt;name&gt; [options]</c>. Found by reflection.</summary>
public interface IBenchmark
{
    /// <summary>The name on the command line, e.g. "work-order-intake".</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>Runs and prints a Markdown result block (figures, machine, date, baseline) to standard output.</summary>
    Task<int> RunAsync(BenchContext context);
}

/// <summary>Options and shared services for a run.</summary>
public sealed class BenchContext(IReadOnlyDictionary<string, string> options)
{
    public IReadOnlyDictionary<string, string> Options { get; } = options;

    /// <summary>The PostgreSQL server to use (bench/run.sh starts a throwaway cluster and sets HOTLINE_BENCH_POSTGRES).</summary>
    public static string PostgresAdmin => Environment.GetEnvironmentVariable("HOTLINE_BENCH_POSTGRES")
        ?? throw new InvalidOperationException("Run benchmarks through bench/run.sh, which starts PostgreSQL and sets HOTLINE_BENCH_POSTGRES.");

    public string Get(string name, string fallback) => Options.TryGetValue(name, out var value) ? value : fallback;

    public int GetInt(string name, int fallback) => Options.TryGetValue(name, out var value) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
