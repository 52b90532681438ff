using System.CommandLine;
using System.Globalization;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Seeding.History;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Assessment;

/// <summary><c>hotline rollups rebuild</c>: recomputes the assessment facts from the orders and the rollups from the facts.</summary>
public static class RollupCommands
{
    public const string Verb = "rollups";

    public static Command Create(Func<IServiceProvider> services)
    {
        var rollups = new Command(Verb, "The assessment facts and rollups.");
        var rebuild = new Command("rebuild", "Recompute every fact from the orders and every rollup from the facts.");
        rebuild.SetAction(async (_, ct) =>
        {
            var provider = services();
            long total;
            await using (var scope = provider.CreateAsyncScope())
            {
                total = await scope.ServiceProvider.GetRequiredService<HotlineDbContext>().Set<WorkOrder>().LongCountAsync(ct);
            }

            var progress = HistoryProgress.Console(total);
            var read = await provider.GetRequiredService<AssessmentFollower>().RebuildAsync(ct, progress.Reporter<long>(value => value));
            if (read is null)
            {
                await Console.Error.WriteLineAsync("Another node is maintaining the rollups now; try again later.");
                return 1;
            }

            progress.Report(read.Value, null, final: true);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Rebuilt the assessment facts and rollups from {read:N0} orders {progress.Summary(read.Value)}."));
            return 0;
        });
        rollups.Subcommands.Add(rebuild);
        return rollups;
    }
}
