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
    public async Task<Submission> SubmitAsync(SubmissionContent content, CitizenChannel channel, string phone, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var submission = Submission.Create(content, channel.Channel, channel.KeyId, phone, now);
            db.Add(submission);
            db.Add(CitizenMessage.Create(
                CitizenMessageKind.SubmissionReceived, submission.Phone, MessageTemplates.Fill(MessageTemplates.Received, ("number", submission.Number)), null, null, now));
            try
            {
                await db.SaveChangesAsync(ct);
                return submission;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // A number drawn twice (the unique index refused it): draw again.
                db.ChangeTracker.Clear();
            }
        }
    }
}
