using System.CommandLine;
using System.Globalization;
using Hotline.Domain;
using Hotline.Infrastructure.Data;

namespace Hotline.Seeding.History;

/// <summary><c>hotline generate --orders N --seed S [--from DATE --to DATE] [--reindex]</c>: see <see cref="HistoryGenerator"/>.</summary>
public static class HistoryCommand
{
    public static Command Create(Func<WebApplication> buildServices)
    {
        var orders = new Option<long>("--orders") { Description = "How many work orders to write.", Required = true };
        var seed = new Option<int>("--seed") { Description = "The random seed: the same arguments give the same rows.", DefaultValueFactory = _ => 1 };
        var from = new Option<string?>("--from") { Description = "First registration day, yyyy-MM-dd (China time; default: a year before --to)." };
        var to = new Option<string?>("--to") { Description = "Last registration day, yyyy-MM-dd (default: today). The history ends at the end of this day." };
        var reindex = new Option<bool>("--reindex") { Description = "Queue the generated orders for the search index (the reindex job indexes them in the background)." };
        var stamp = new Option<int?>("--stamp") { Description = "Live one order in this many through the domain and stamp the others from the day's finished lives (1 lives every order; default: orders / 20,000, 1 to 64)." };
        var command = new Command("generate", "Append realistic work-order history (orders, timelines, co-units) to the database; loads the demo platform into an empty one.")
        {
            orders, seed, from, to, reindex, stamp,
        };
        command.SetAction(async (result, ct) =>
        {
            HistoryOptions options;
            try
            {
                options = HistoryOptions.Create(
                    result.GetValue(orders), result.GetValue(seed), Date(result.GetValue(from), "from"), Date(result.GetValue(to), "to"),
                    result.GetValue(reindex), DateTimeOffset.UtcNow, result.GetValue(stamp));
            }
            catch (ValidationException e)
            {
                foreach (var (field, messages) in e.Errors)
                {
                    await Console.Error.WriteLineAsync($"--{field}: {string.Join(" ", messages)}");
                }

                return 2;
            }

            await using var app = buildServices();
            await DatabaseSetup.MigrateAsync(app.Services, ct);
            await DemoData.SeedAsync(app.Services, ct);
            var written = await HistoryGenerator.RunAsync(app.Services, options, HistoryProgress.Console(options.Orders), ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Generated {written.Orders:#,0} orders ({written.FirstId}–{written.LastId}), {written.Events:#,0} timeline entries, {written.CoUnits:#,0} co-units, {written.From:yyyy-MM-dd}..{written.To:yyyy-MM-dd}, in {written.Elapsed.TotalSeconds:0.0} s ({written.Orders / Math.Max(written.Elapsed.TotalSeconds, 0.001):#,0} orders/s; indexes remade {written.Indexes.TotalSeconds:0.0} s of it), then facts, rollups and entities in {written.AfterLoad.TotalSeconds:0.0} s."));
            return 0;
        });
        return command;
    }

    private static DateOnly? Date(string? value, string field) =>
        value is null ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw ValidationException.For(field, "Give a date as yyyy-MM-dd.");
}
