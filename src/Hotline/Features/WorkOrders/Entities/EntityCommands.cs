using System.CommandLine;
using System.Globalization;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Seeding.History;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.WorkOrders.Entities;

/// <summary>
/// <c>hotline entities backfill [--all] [--batch N] [--after-id ID]</c>: stores the entities of the orders that have none,
/// or with <c>--all</c> makes every order's stored entities what the extractor reads now and records that reading (the
/// servers' <see cref="EntityRereadJob"/> does the same by itself when the reading changes).
/// </summary>
public static class EntityCommands
{
    public const string Verb = "entities";

    public static Command Create(Func<IServiceProvider> services)
    {
        var entities = new Command(Verb, "The named things stored on the work orders (issue 19).");
        var batch = new Option<int>("--batch") { Description = "Orders read and written per transaction.", DefaultValueFactory = _ => 2000 };
        var afterId = new Option<long>("--after-id") { Description = "Start after this order id (resume where a run was stopped).", DefaultValueFactory = _ => 0 };
        var all = new Option<bool>("--all") { Description = "Read every order again and replace the entities the extractor no longer reads, now (the servers do it by themselves after an upgrade, a unit's rename or a dictionary edit)." };
        var backfill = new Command("backfill", "Find and store the entities of every order that has none (or, with --all, of every order), in batches by id; safe to run twice.") { all, batch, afterId };
        backfill.SetAction(async (result, ct) =>
        {
            if (result.GetValue(batch) < 1)
            {
                await Console.Error.WriteLineAsync("--batch must be at least 1.");
                return 2;
            }

            var every = result.GetValue(all);
            if (every && result.GetValue(afterId) != 0)
            {
                await Console.Error.WriteLineAsync("--after-id is for the fill: with --all a stopped run goes on where it stopped by itself.");
                return 2;
            }

            var provider = services();
            long total;
            await using (var scope = provider.CreateAsyncScope())
            {
                // With --all the run goes on after the last order a stopped run of the same reading read.
                var from = every ? await provider.GetRequiredService<EntityRereadJob>().ResumesAfterAsync(ct) : result.GetValue(afterId);
                total = await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<WorkOrder>().LongCountAsync(w => w.Id > from, ct);
            }

            var progress = HistoryProgress.Console(total);
            var reporter = progress.Reporter<EntityBackfillProgress>(value => value.Scanned, value => value.Added);
            EntityBackfillProgress done;
            if (every)
            {
                // The servers' own run, asked for now: it records the reading, so they do not read every order again.
                var run = await provider.GetRequiredService<EntityRereadJob>().RunOnceAsync(force: true, result.GetValue(batch), reporter, ct);
                if (run?.Reread is not { } reread)
                {
                    await Console.Error.WriteLineAsync("A server is reading every order's entities again now (see its log); nothing done.");
                    return 1;
                }

                done = reread;
            }
            else
            {
                done = await EntityBackfill.RunAsync(provider, await EntityNames.LoadAsync(provider, ct), result.GetValue(batch), result.GetValue(afterId), reporter, ct);
            }

            progress.Report(done.Scanned, done.Added, final: true);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Read {done.Scanned:N0} orders{(every ? string.Empty : " without entities")}, stored {done.Added:N0} entities and removed {done.Removed:N0} on {done.Changed:N0} of them {progress.Summary(done.Scanned)}; last order id {done.LastId}."));
            return 0;
        });
        entities.Subcommands.Add(backfill);
        return entities;
    }
}
