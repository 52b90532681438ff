using Hotline.Domain.CitizenMessages;
using Hotline.Domain.Citizens;
using Hotline.Domain.Citizens.Interception;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hotline.Features.Citizens;

/// <summary>
/// The one path every internet submission takes into the online intake queue (issue 18): the citizen API, the mayor's
/// mailbox, Open311. It runs the interception rules first (<see cref="InterceptionRules"/>): a stopped submission is
/// recorded as an <see cref="Interception"/> and answered 422 (<see cref="SubmissionInterceptedException"/>); a passing one
/// is stored with its fingerprint (address hash, text hash) and the citizen is sent its number.
/// </summary>
public sealed class SubmissionPath(HotlineDbContext db, TimeProvider time, IOptionsMonitor<InterceptionOptions> options)
{
    /// <summary>
    /// Checks, then queues the submission, or records the interception and throws. <paramref name="photoIds"/> (the
    /// citizen's own uploads, checked by <see cref="CitizenUploadEndpoints.ResolveAsync"/>) are claimed in its transaction.
    /// </summary>
    public async Task<Submission> SendAsync(InterceptedSubmission sent, CancellationToken ct, IReadOnlyList<long>? photoIds = null)
    {
        ArgumentNullException.ThrowIfNull(sent);
        var now = time.GetUtcNow().UtcDateTime;
        var text = Submission.TextOf(sent.Content, sent.Letter);
        var rule = await CheckAsync(sent, text, now, ct);
        if (rule is { } stopped)
        {
            db.ChangeTracker.Clear();
            db.Add(Interception.Record(stopped, sent, text, now));
            await db.SaveChangesAsync(ct);
            throw new SubmissionInterceptedException(stopped);
        }

        return await QueueAsync(sent, text, now, ct, photoIds: photoIds);
    }

    /// <summary>Queues a submission without the rules: a reviewer's release of a false positive.</summary>
    public Task<Submission> ReleaseAsync(InterceptedSubmission sent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sent);
        return QueueAsync(sent, Submission.TextOf(sent.Content, sent.Letter), time.GetUtcNow().UtcDateTime, ct, save: false);
    }

    private async Task<InterceptionRule?> CheckAsync(InterceptedSubmission sent, string text, DateTime now, CancellationToken ct)
    {
        var current = options.CurrentValue;
        var words = await db.Set<InterceptionWord>().AsNoTracking().Select(w => w.Normalised).ToListAsync(ct);
        var phoneKey = CitizenRules.PhoneKey(sent.Phone);
        var addressKey = sent.AddressKey;
        var hourAgo = now.AddHours(-1);
        var since = now.AddMinutes(-current.ResubmitMinutes);
        var hash = InterceptionRules.TextHash(text);
        var submissions = db.Set<Submission>().AsNoTracking();
        var recent = new RecentSubmissions(
            await submissions.CountAsync(s => s.PhoneKey == phoneKey && s.SubmittedAtUtc > hourAgo, ct),
            // A keyed channel (app, mini-program, Open311) may send from its operator's servers: the key's rate limit
            // holds it, and the address flood rule counts keyless (web) submissions only; the phone rule holds all.
            sent.ChannelKeyId is null ? await submissions.CountAsync(s => s.AddressKey == addressKey && s.SubmittedAtUtc > hourAgo, ct) : 0,
            await submissions.AnyAsync(s => s.TextHash == hash && s.SubmittedAtUtc > since && (s.PhoneKey == phoneKey || s.AddressKey == addressKey), ct));
        return InterceptionRules.Check(text, words, recent, current);
    }

    private async Task<Submission> QueueAsync(InterceptedSubmission sent, string text, DateTime now, CancellationToken ct, bool save = true, IReadOnlyList<long>? photoIds = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = save && photoIds is { Count: > 0 } ? await db.Database.BeginTransactionAsync(ct) : null;
            var submission = Submission.Create(sent.Content, sent.Channel, sent.ChannelKeyId, sent.Phone, now);
            submission.Fingerprint(sent.AddressKey, InterceptionRules.TextHash(text), sent.Letter);
            db.Add(submission);
            db.Add(CitizenMessage.Create(
                CitizenMessageKind.SubmissionReceived, submission.Phone, MessageTemplates.Fill(MessageTemplates.Received, ("number", submission.Number)), null, null, now));
            if (!save)
            {
                return submission;
            }

            try
            {
                await db.SaveChangesAsync(ct);
                if (transaction is not null)
                {
                    await CitizenUploadEndpoints.ClaimAsync(db, submission.Id, photoIds!, submission.PhoneKey, ct);
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
