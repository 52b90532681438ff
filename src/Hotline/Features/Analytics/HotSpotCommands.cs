using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hotline.Domain.Analytics;
using Hotline.Domain.Dispatch;
using Hotline.Infrastructure.Cli;
using Hotline.Text;
using Hotline.Text.HotSpots;
using static Hotline.Infrastructure.Cli.CliTools;

namespace Hotline.Features.Analytics;

/// <summary>
/// <c>hotline hotspots</c>: the hot spots of a file of orders, found as the hot-spot job finds them: the event list (the
/// default) or the common problems (<c>--list common</c>), over <c>--window-days</c> or a <c>--period</c>.
/// </summary>
public static class HotSpotCommands
{
    public const string Verb = "hotspots";

    public static Command Create()
    {
        var defaults = new HotSpotOptions();
        var data = OrdersOption();
        var format = FormatOption();
        var top = new Option<int>("--top") { Description = "How many hot spots to list.", DefaultValueFactory = _ => 10 };
        var window = new Option<int>("--window-days") { Description = "Length of the current window (and of the previous one) in days.", DefaultValueFactory = _ => (int)defaults.Window.TotalDays };
        var end = new Option<string>("--end") { Description = "End of the current window (default: the latest order's time)." };
        var minSize = new Option<int>("--min-size") { Description = "Fewest orders for a hot spot.", DefaultValueFactory = _ => defaults.MinSize };
        var period = new Option<string>("--period") { Description = "day, week, month, quarter or year: the window's length (instead of --window-days)." };
        var dictionary = DictionaryOption();
        var list = new Option<string>("--list") { Description = "events (event hot spots: one entity or place, one matter; the default) or common (common problems across places).", DefaultValueFactory = _ => "events" };
        var command = new Command("hotspots", "Find hot spots: event hot spots (one entity or place, one matter) or common problems (one matter across places), sized against the previous window; emerging ones flagged.")
        {
            data, top, format, window, end, minSize, period, list, dictionary,
        };
        command.SetAction(result => Guarded(result, output =>
        {
            DateTimeOffset? until = null;
            if (result.GetValue(end) is { } rawEnd)
            {
                if (!ToolInput.TryParseTime(rawEnd, out var parsed))
                {
                    throw new ArgumentException($"--end '{rawEnd}' is neither ISO-8601 nor yyyy/M/d H:mm:ss.");
                }

                until = parsed;
            }

            var days = (double)result.GetValue(window);
            if (result.GetValue(period) is { } rawPeriod)
            {
                days = Enum.TryParse<HotSpotPeriod>(rawPeriod, ignoreCase: true, out var chosen) && Enum.IsDefined(chosen) && !char.IsAsciiDigit(rawPeriod[0])
                    ? chosen.Length().TotalDays
                    : throw new ArgumentException($"--period '{rawPeriod}' is not one of day, week, month, quarter, year.");
            }

            var common = result.GetValue(list) switch
            {
                "events" => false,
                "common" => true,
                var other => throw new ArgumentException($"--list '{other}' is neither events nor common."),
            };
            var orders = ToolInput.ReadOrders(result.GetValue(data)!, result.InvocationConfiguration.Error);
            var first = orders.Min(o => o.Time); // the file's history begins there (ReadOrders refuses a file without records)
            var report = HotSpotDetector.Detect(
                orders.Select(o => new HotSpotDocument(o.Id, o.Text, o.Time, o.Place, MatterOf(o.Category))).ToArray(),
                defaults with
                {
                    Window = TimeSpan.FromDays(days),
                    End = until,
                    MinSize = result.GetValue(minSize),
                    Entities = Extractor(result.GetValue(dictionary)),
                    KeywordsFor = result.GetValue(top),
                    HistoryFrom = first
                });
            if (WindowNote(orders, first, report, days) is { } note)
            {
                result.InvocationConfiguration.Error.WriteLine(note);
            }

            var found = common ? report.Common : report.Clusters;
            var clusters = found.Take(result.GetValue(top)).Select(c => new
            {
                size = c.Size,
                previousSize = c.PreviousSize,
                growth = c.Growth is { } g ? Math.Round(g, 3) : (double?)null,
                emerging = c.Emerging,
                from = c.From.ToOffset(ToolInput.ChinaOffset),
                to = c.To.ToOffset(ToolInput.ChinaOffset),
                place = c.Place,
                entity = c.Entity,
                places = c.Places,
                terms = c.Terms,
                ids = c.Ids,
            }).ToArray();
            if (result.GetValue(format) == "json")
            {
                output.WriteLine(JsonSerializer.Serialize(
                    new
                    {
                        windowFrom = report.WindowFrom.ToOffset(ToolInput.ChinaOffset),
                        windowTo = report.WindowTo.ToOffset(ToolInput.ChinaOffset),
                        previousFrom = report.PreviousFrom.ToOffset(ToolInput.ChinaOffset),
                        compared = report.Compared,
                        orders = report.Documents,
                        list = common ? "common" : "events",
                        hotSpots = found.Count,
                        clusters,
                    },
                    Json));
            }
            else
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.Documents} orders from {report.PreviousFrom.ToOffset(ToolInput.ChinaOffset):yyyy-MM-dd HH:mm} to {report.WindowTo.ToOffset(ToolInput.ChinaOffset):yyyy-MM-dd HH:mm}; {found.Count} {(common ? "common problems" : "hot spots")} in the last {days:0} days{(report.Compared ? string.Empty : "; the orders begin after the previous window starts, so no growth is given and nothing is emerging")}."));
                foreach (var c in clusters)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.size,4} (before {c.previousSize}){(c.emerging ? " emerging" : string.Empty)}  {(common ? $"{c.places} places" : c.entity is null ? c.place ?? "-" : $"{c.entity} {c.place ?? "-"}")}  {string.Join(" ", c.terms)}  {c.from:MM-dd HH:mm}–{c.to:MM-dd HH:mm}  {string.Join(",", c.ids.Take(5))}{(c.ids.Count > 5 ? ",…" : string.Empty)}"));
                }
            }

            return 0;
        }));
        return command;
    }

    /// <summary>
    /// The matter of a file's category, as the job reads an order's: a catalogue code at its second level
    /// (<see cref="Category.MatterOf"/>), a board's own label (城乡建设) as written.
    /// </summary>
    private static string? MatterOf(string? category) =>
        string.IsNullOrWhiteSpace(category) ? null : category.Trim() is var c && c.All(char.IsAsciiDigit) ? Category.MatterOf(c) : c;

    /// <summary>
    /// A note on standard error when the window holds less than a tenth of a file that reaches back beyond both windows: a
    /// year-long board read with the default week finds nothing, and the user should hear why, not only "0 hot spots".
    /// </summary>
    private static string? WindowNote(List<OrderRow> orders, DateTimeOffset first, HotSpotReport report, double days)
    {
        var current = orders.Count(o => o.Time > report.WindowFrom && o.Time <= report.WindowTo);
        if (current * 10 >= orders.Count || first >= report.PreviousFrom)
        {
            return null;
        }

        var span = Math.Ceiling((report.WindowTo - first).TotalDays);
        return string.Create(CultureInfo.InvariantCulture, $"note: the last {days:0} days hold {current} of the file's {orders.Count} orders, which go back to {first.ToOffset(ToolInput.ChinaOffset):yyyy-MM-dd}; --window-days {span:0} covers them.");
    }
}
