using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Hotline.Infrastructure.Security;

/// <summary>
/// One sign-in attempt as the throttles see it: the normalised user name, the client's address, and the device id when
/// this browser has signed in to the account before. A known browser is counted on its own; any other is counted
/// against the account and against its address.
/// </summary>
public sealed record SignInAttempt(string UserName, string Address, string? DeviceId)
{
    public string AccountSubject { get; } = SignInThrottle.AccountSubject(UserName);

    /// <summary>What the per-minute limit of an account counts: the owner's known browser apart from everyone else.</summary>
    public string LimitKey => DeviceId ?? AccountSubject;

    public IReadOnlyList<(SignInThrottleScope Scope, string Subject)> Keys { get; } = DeviceId is { } device
        ? [(SignInThrottleScope.Device, device)]
        : [(SignInThrottleScope.Account, SignInThrottle.AccountSubject(UserName)), (SignInThrottleScope.Address, Address)];
}

/// <summary>The rules of the three throttles, each overridable under <c>Security:SignInThrottle:{Account|Address|Device}</c>.</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "Security:SignInThrottle";

    public RuleSettings Account { get; set; } = new();

    public RuleSettings Address { get; set; } = new();

    public RuleSettings Device { get; set; } = new();

    public SignInThrottleRule RuleFor(SignInThrottleScope scope)
    {
        var rule = SignInThrottleRule.DefaultFor(scope);
        var settings = scope switch
        {
            SignInThrottleScope.Account => Account,
            SignInThrottleScope.Address => Address,
            _ => Device,
        };
        return new SignInThrottleRule(
            settings.FreeFailures ?? rule.FreeFailures,
            settings.FirstDelaySeconds is { } first ? TimeSpan.FromSeconds(first) : rule.FirstDelay,
            settings.MaxDelayMinutes is { } max ? TimeSpan.FromMinutes(max) : rule.MaxDelay,
            settings.ForgetAfterHours is { } forget ? TimeSpan.FromHours(forget) : rule.ForgetAfter);
    }

    public sealed class RuleSettings
    {
        public int? FreeFailures { get; set; }

        public int? FirstDelaySeconds { get; set; }

        public int? MaxDelayMinutes { get; set; }

        public int? ForgetAfterHours { get; set; }
    }
}

/// <summary>
/// The sign-in throttles and their record (issue 13, defect 7), stored in the database so that every server node
/// counts the same failures. The rules are the domain's (<see cref="SignInThrottle"/>); this keeps the rows.
/// </summary>
public sealed class SignInThrottles(HotlineDbContext db, TimeProvider time, IOptions<SignInThrottleOptions> options, IMemoryCache cache)
{
    /// <summary>Enough for a burst of simultaneous failures on one account, each conflicting with the one before.</summary>
    private const int MaxRetries = 10;

    /// <summary>How long the attempt must still wait, the longest of its throttles; null when it may go ahead.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(SignInAttempt attempt, CancellationToken ct)
    {
        var now = Now;
        var rows = await LoadAsync(attempt, tracked: false, ct);
        return rows.Select(r => r.RetryAfter(now)).Max();
    }

    /// <summary>Counts a failed password against each of the attempt's throttles, and records those that now make it wait.</summary>
    public async Task RecordFailureAsync(SignInAttempt attempt, User? account, CancellationToken ct)
    {
        var now = Now;
        for (var retry = 0; ; retry++)
        {
            var rows = await LoadAsync(attempt, tracked: true, ct);
            foreach (var (scope, subject) in attempt.Keys)
            {
                var row = rows.SingleOrDefault(r => r.Scope == scope && r.Subject == subject);
                if (row is null)
                {
                    row = SignInThrottle.Start(scope, subject, account?.Id);
                    db.Add(row);
                }

                if (row.RecordFailure(now, options.Value.RuleFor(scope), account?.Id))
                {
                    db.Add(SignInEvent.Throttled(row, account, attempt.Address));
                }
            }

            if (await TrySaveAsync(retry, ct))
            {
                break;
            }
        }

        await ForgetStaleAsync(now, ct);
    }

    /// <summary>The right password: the account's (or the known browser's) count starts again.</summary>
    public async Task RecordSuccessAsync(SignInAttempt attempt, CancellationToken ct)
    {
        for (var retry = 0; ; retry++)
        {
            var rows = await LoadAsync(attempt, tracked: true, ct);
            rows.ForEach(r => r.RecordSuccess());
            if (await TrySaveAsync(retry, ct))
            {
                return;
            }
        }
    }

    /// <summary>Records that an attempt met a per-minute limit, once per limit, client and window on this node.</summary>
    public async Task RecordLimitAsync(SignInThrottleScope scope, string subject, string? userName, string address, TimeSpan retryAfter, CancellationToken ct)
    {
        var key = (typeof(SignInThrottles), scope, subject);
        if (cache.TryGetValue(key, out _))
        {
            return;
        }

        cache.Set(key, true, retryAfter);
        var account = userName is null ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == userName, ct);
        db.Add(SignInEvent.Limited(scope, account, address, Now, retryAfter));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Lifts every throttle of an account (its name's, its browsers'); records it when there was one.</summary>
    public async Task ClearAsync(User account, long administratorId, string administratorName, CancellationToken ct)
    {
        var subject = SignInThrottle.AccountSubject(account.UserName);
        var removed = await db.Set<SignInThrottle>()
            .Where(t => t.UserId == account.Id || (t.Scope == SignInThrottleScope.Account && t.Subject == subject))
            .ExecuteDeleteAsync(ct);
        if (removed > 0)
        {
            db.Add(SignInEvent.Cleared(account, administratorId, administratorName, Now));
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Those of <paramref name="userIds"/> whose name makes a browser it does not know wait now.</summary>
    public async Task<HashSet<long>> ThrottledAsync(IReadOnlyCollection<long> userIds, CancellationToken ct)
    {
        var now = Now;
        var ids = await db.Set<SignInThrottle>()
            .Where(t => t.Scope == SignInThrottleScope.Account && t.UserId != null && userIds.Contains(t.UserId.Value) && t.BlockedUntilUtc > now)
            .Select(t => t.UserId!.Value)
            .ToListAsync(ct);
        return [.. ids];
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private async Task<List<SignInThrottle>> LoadAsync(SignInAttempt attempt, bool tracked, CancellationToken ct)
    {
        var subjects = attempt.Keys.Select(k => k.Subject).ToList();
        var query = db.Set<SignInThrottle>().Where(t => subjects.Contains(t.Subject));
        var rows = await (tracked ? query : query.AsNoTracking()).ToListAsync(ct);
        return [.. rows.Where(r => attempt.Keys.Contains((r.Scope, r.Subject)))];
    }

    /// <summary>Saves; on a conflict with a concurrent attempt (a changed version, a row inserted first) forgets and asks again.</summary>
    private async Task<bool> TrySaveAsync(int retry, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException) when (retry < MaxRetries)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Deletes rows nothing remembers any more, and records older than their retention.</summary>
    private async Task ForgetStaleAsync(DateTime now, CancellationToken ct)
    {
        var keep = Enum.GetValues<SignInThrottleScope>().Select(options.Value.RuleFor).Max(r => r.ForgetAfter > r.MaxDelay ? r.ForgetAfter : r.MaxDelay);
        var staleBefore = now - keep;
        await db.Set<SignInThrottle>().Where(t => t.LastFailureUtc < staleBefore).ExecuteDeleteAsync(ct);
        var expiredBefore = now - SignInEvent.RetentionPeriod;
        await db.Set<SignInEvent>().Where(e => e.OccurredAtUtc < expiredBefore).ExecuteDeleteAsync(ct);
    }
}
