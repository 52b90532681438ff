using Hotline.Domain;
using Hotline.Domain.Attachments;
using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Attachments;

/// <summary>
/// How a registration, a reply or an addition attaches the caller's uploads (issue 18): every id must be an upload of the
/// caller's that no order holds yet; the order's save and the uploads' claim are one transaction, and the claim is a
/// conditional update, so the same upload never ends up on two orders.
/// </summary>
public sealed class UploadClaims(HotlineDbContext db, CurrentUser user, WorkOrderStore store, TimeProvider time)
{
    private long? _submissionId;

    /// <summary>
    /// Lets this request's registration claim the photos of the citizen's submission <paramref name="submissionId"/> as
    /// well as the agent's own uploads (issue 18: an intake agent accepting a submission carries its photos onto the order).
    /// </summary>
    public void CarryFrom(long submissionId) => _submissionId = submissionId;

    /// <summary>The order's records of the uploads <paramref name="ids"/> names; a 400 on <c>attachmentIds[i]</c> for a bad one.</summary>
    public async Task<IReadOnlyList<Attachment>> ResolveAsync(IReadOnlyList<long>? ids, CancellationToken ct)
    {
        if (ids is null || ids.Count == 0)
        {
            return [];
        }

        if (ids.Count > AttachmentRules.MaxPerOrder)
        {
            throw ValidationException.For(AttachmentRules.IdsField, $"An order holds at most {AttachmentRules.MaxPerOrder} attachments.");
        }

        if (ids.Distinct().Count() != ids.Count)
        {
            throw ValidationException.For(AttachmentRules.IdsField, "Each file is attached once.");
        }

        var me = user.Id;
        var wanted = ids.ToList();
        var uploads = await db.Set<Upload>().AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < ids.Count; i++)
        {
            // Someone else's upload is answered as a missing one: its existence is not the caller's to learn.
            if (!uploads.TryGetValue(ids[i], out var upload) || !IsMine(upload, me))
            {
                errors[$"{AttachmentRules.IdsField}[{i}]"] = ["No such upload of yours."];
            }
            else if (upload.WorkOrderId is not null || upload.AppealId is not null)
            {
                errors[$"{AttachmentRules.IdsField}[{i}]"] = ["The file is attached already."];
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return ids.Select(id => uploads[id].ToAttachment(AttachmentSource.Intake)).ToList();
    }

    private bool IsMine(Upload upload, long me) =>
        upload.CitizenPhoneKey is null ? upload.UploadedByUserId == me : _submissionId is not null && upload.SubmissionId == _submissionId;

    /// <summary>Marks the uploads as the order's, inside the open transaction; one taken meanwhile fails the whole command.</summary>
    public async Task ClaimAsync(long orderId, IEnumerable<Attachment> attachments, CancellationToken ct)
    {
        var ids = attachments.Where(a => a.UploadId is not null).Select(a => a.UploadId!.Value).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var me = user.Id;
        var now = time.GetUtcNow().UtcDateTime;
        var submission = _submissionId ?? -1;
        var claimed = await db.Set<Upload>()
            .Where(u => ids.Contains(u.Id) && u.WorkOrderId == null && u.AppealId == null
                && ((u.CitizenPhoneKey == null && u.UploadedByUserId == me) || (u.CitizenPhoneKey != null && u.SubmissionId == submission)))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.WorkOrderId, orderId).SetProperty(u => u.AttachedUtc, now), ct);
        if (claimed != ids.Count)
        {
            throw ValidationException.For(AttachmentRules.IdsField, "The file is attached already.");
        }
    }

    /// <summary>
    /// Marks the uploads as an assessment appeal's evidence, inside the open transaction (issue 18); one taken meanwhile
    /// fails the whole filing. The ids were checked by <see cref="ResolveAsync"/>.
    /// </summary>
    public async Task ClaimForAppealAsync(long appealId, IReadOnlyCollection<Attachment> files, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(files);
        var ids = files.Where(a => a.UploadId is not null).Select(a => a.UploadId!.Value).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var me = user.Id;
        var now = time.GetUtcNow().UtcDateTime;
        var claimed = await db.Set<Upload>()
            .Where(u => ids.Contains(u.Id) && u.CitizenPhoneKey == null && u.UploadedByUserId == me && u.WorkOrderId == null && u.AppealId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AppealId, appealId).SetProperty(u => u.AttachedUtc, now), ct);
        if (claimed != ids.Count)
        {
            throw ValidationException.For(AttachmentRules.IdsField, "The file is attached already.");
        }
    }

    /// <summary>Runs a command that claims uploads in one transaction with the order's save.</summary>
    public async Task<T> InTransactionAsync<T>(Func<Task<T>> command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await command();
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Saves a new order that holds uploads together with their claim. Such a registration is written here rather than
    /// by the group-commit writer, whose batches cannot hold a claim that may fail.
    /// </summary>
    public Task SaveNewAsync(WorkOrder order, CancellationToken ct) => InTransactionAsync(async () =>
    {
        db.Set<WorkOrder>().Add(order);
        await store.SaveAsync([order], ct);
        await ClaimAsync(order.Id, order.Attachments, ct);
        return order;
    }, ct);
}
