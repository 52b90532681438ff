using Hotline.Infrastructure.Data;

namespace Hotline.Features.WorkOrders.Entities;

/// <summary>
/// After <c>hotline generate</c>: the generated orders get their entities (as <c>hotline entities backfill</c> from the
/// first generated id), since the bulk writer does not go through <c>WorkOrderStore.SaveAsync</c>.
/// </summary>
internal sealed class EntityAfterBulkLoad : IAfterBulkLoad
{
    public string Name => "entities stored on the generated orders";

    public async Task RunAsync(IServiceProvider services, long firstOrderId, long lastOrderId, CancellationToken ct)
    {
        var extractor = await EntityNames.LoadAsync(services, ct);
        await EntityBackfill.RunAsync(services, extractor, batch: 2000, afterId: firstOrderId - 1, progress: null, ct);
    }
}
