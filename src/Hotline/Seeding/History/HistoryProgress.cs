using System.Diagnostics;
using System.Globalization;

namespace Hotline.Seeding.History;

/// <summary>
/// The console's progress: a bar redrawn in place on a terminal (orders written, rate, time left), plain lines every
/// few seconds when the output is redirected to a file or a pipe. Silent when given no writer (tests).
/// </summary>
public sealed class HistoryProgress(TextWriter? output, bool interactive, long total)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastShown = TimeSpan.FromDays(-1);

    public static HistoryProgress Console(long total) => new(System.Console.Error, !System.Console.IsErrorRedirected, total);

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Shows <paramref name="orders"/> done (and the rows written, when given) at most every few moments, and always when <paramref name="final"/>.</summary>
    public void Report(long orders, long? rows, bool final = false)
    {
        if (output is null)
        {
            return;
        }

        var elapsed = _clock.Elapsed;
        if (!final && elapsed - _lastShown < (interactive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(5)))
        {
            return;
        }

        _lastShown = elapsed;
        var rate = orders / Math.Max(elapsed.TotalSeconds, 0.001);
        var left = rate > 0 ? TimeSpan.FromSeconds((total - orders) / rate) : TimeSpan.Zero;
        var share = total == 0 ? 1 : (double)orders / total;
        var text = string.Create(CultureInfo.InvariantCulture, $"{orders,12:#,0} / {total:#,0} orders{(rows is { } r ? $"  {r:#,0} rows" : "")}  {rate,9:#,0} orders/s  {(final ? "done in " + Format(elapsed) : "ETA " + Format(left))}");
        if (interactive)
        {
            var filled = (int)Math.Round(share * 30);
            output.Write($"\r[{new string('#', filled)}{new string('.', 30 - filled)}] {text}   ");
            if (final)
            {
                output.WriteLine();
            }
        }
        else
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{share * 100,5:0.0}% {text}"));
        }
    }

    /// <summary>
    /// An <see cref="IProgress{T}"/> that reports at once on the caller's own task (<see cref="Progress{T}"/> would post
    /// to the thread pool): <paramref name="orders"/> and <paramref name="rows"/> read the counts out of a report.
    /// </summary>
    public IProgress<T> Reporter<T>(Func<T, long> orders, Func<T, long?>? rows = null) => new Immediate<T>(this, orders, rows);

    /// <summary>The ending of a command's summary line: "in 12.3 s (4,567 orders/s)".</summary>
    public string Summary(long orders)
    {
        var seconds = Elapsed.TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture, $"in {seconds:F1} s ({orders / Math.Max(seconds, 0.001):N0} orders/s)");
    }

    private static string Format(TimeSpan span) => span.TotalHours >= 1 ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : span.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    private sealed class Immediate<T>(HistoryProgress progress, Func<T, long> orders, Func<T, long?>? rows) : IProgress<T>
    {
        public void Report(T value) => progress.Report(orders(value), rows?.Invoke(value));
    }
}
