using System.CommandLine;

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
            var started = System.Diagnostics.Stopwatch.StartNew();
            var read = await provider.GetRequiredService<AssessmentFollower>().RebuildAsync(ct);
            if (read is null)
            {
                await Console.Error.WriteLineAsync("Another node is maintaining the rollups now; try again later.");
                return 1;
            }

            Console.WriteLine($"Rebuilt the assessment facts and rollups from {read:N0} orders in {started.Elapsed.TotalSeconds:F1} s.");
            return 0;
        });
        rollups.Subcommands.Add(rebuild);
        return rollups;
    }
}
