using System.Net;
using Hotline.Domain.Attachments;
using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Attachments;
using Hotline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Authorisation;

/// <summary>Issue 18, attachments: the files the matrix reads, and the answers an allowed caller may get.</summary>
internal static class AttachmentTargets
{
    public static readonly Accepted NotAnUpload = new(HttpStatusCode.BadRequest, "validation_failed", "the matrix sends JSON; an upload is multipart, refused before anything is written");

    public static readonly Accepted NoSuchUpload = new(HttpStatusCode.BadRequest, "validation_failed", "the matrix names no upload of the caller's, so an allowed caller reaches the check and nothing is written");

    /// <summary>A photo uploaded by the demo agent and attached to an order dispatched to the unit (not confidential).</summary>
    public static readonly TargetKind AttachedFile = new("attached file", async (w, unit) =>
    {
        var orderId = await w.Orders.PlantAsync(OrderStage.Dispatched, unit);
        var upload = await (await (await w.As("agent")).UploadAsync(AttachmentFiles.Png(), "matrix.png", "image/png")).ShouldBe(HttpStatusCode.Created);
        var uploadId = upload.GetProperty("id").GetInt64();
        await using var scope = w.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var row = await db.Set<Upload>().SingleAsync(u => u.Id == uploadId);
        var order = await db.Set<WorkOrder>().SingleAsync(o => o.Id == orderId);
        order.Attachments.Add(row.ToAttachment(AttachmentSource.Intake));
        await scope.ServiceProvider.GetRequiredService<WorkOrderStore>().SaveAsync([order], default);
        await db.Set<Upload>().Where(u => u.Id == uploadId).ExecuteUpdateAsync(s => s.SetProperty(u => u.WorkOrderId, orderId));
        return new Target(uploadId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    });
}
