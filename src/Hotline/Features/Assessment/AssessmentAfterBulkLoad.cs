using Hotline.Infrastructure.Data;

namespace Hotline.Features.Assessment;

/// <summary>After <c>hotline generate</c>: the assessment facts and rollups rebuilt from the orders (as <c>hotline rollups rebuild</c>).</summary>
internal sealed class AssessmentAfterBulkLoad : IAfterBulkLoad
{
    public string Name => "assessment facts and rollups rebuilt";

    public async Task RunAsync(IServiceProvider services, long firstOrderId, long lastOrderId, CancellationToken ct)
    {
        var read = await services.GetRequiredService<AssessmentFollower>().RebuildAsync(ct);
        if (read is null)
        {
            await Console.Error.WriteLineAsync("Another node is maintaining the rollups now: run 'hotline rollups rebuild' later.");
        }
    }
}
