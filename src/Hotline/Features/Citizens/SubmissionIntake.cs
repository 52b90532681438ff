using Hotline.Domain.CitizenMessages;
using Hotline.Domain.Citizens;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Citizens;

/// <summary>
/// The one path by which a checked submission enters the online intake queue (issue 18): numbered, saved with the
/// "received" message to the citizen in one transaction, a number drawn twice drawn again. The citizen API and Open311
/// both send through it.
/// </summary>
public sealed class SubmissionIntake(HotlineDbContext db, TimeProvider time)
{
    /// <summary>Queues the submission; <paramref name="uploadIds"/> (checked by <see cref="CitizenUploadEndpoints.ResolveAsync"/>) are claimed in its transaction.</summary>
    public async Task<Submission> SubmitAsync(SubmissionContent content, CitizenChannel channel, string phone, CancellationToken ct, IReadOnlyList<long>? uploadIds = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = uploadIds is { Count: > 0 } ? await db.Database.BeginTransactionAsync(ct) : null;
            var now = time.GetUtcNow().UtcDateTime;
            var submission = Submission.Create(content, channel.Channel, channel.KeyId, phone, now);
            db.Add(submission);
            db.Add(CitizenMessage.Create(
                CitizenMessageKind.SubmissionReceived, submission.Phone, MessageTemplates.Fill(MessageTemplates.Received, ("number", submission.Number)), null, null, now));
            try
            {
                await db.SaveChangesAsync(ct);
                if (transaction is not null)
                {
                    await CitizenUploadEndpoints.ClaimAsync(db, submission.Id, uploadIds!, submission.PhoneKey, ct);
                    await transaction.CommitAsync(ct);
                }

                return submission;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // A number drawn twice (the unique index refused it): draw again.
                db.ChangeTracker.Clear();
                if (transaction is not null)
                {
                    await transaction.RollbackAsync(ct);
                }
            }
        }
    }
}
