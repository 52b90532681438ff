namespace Hotline.Domain.Organisation;

/// <summary>Why a sign-in event was recorded.</summary>
public enum SignInEventCause
{
    /// <summary>Failed passwords made an account, address or device wait (<see cref="SignInThrottle"/>).</summary>
    RepeatedFailures,

    /// <summary>More attempts in a minute than the limit of an address or an account (recorded once per minute and client).</summary>
    TooManyAttempts,

    /// <summary>An administrator lifted an account's throttles (unlock, or a password reset).</summary>
    Cleared,
}

/// <summary>
/// The administrator's record of every sign-in throttle and limit (issue 13, defect 7): what was slowed down, why, until
/// when, and from which address. Kept for a year (<see cref="RetentionPeriod"/>).
/// </summary>
public sealed class SignInEvent
{
    public const int MaxAddressLength = 64;

    public static readonly TimeSpan RetentionPeriod = TimeSpan.FromDays(366);

    private SignInEvent()
    {
    }

    public long Id { get; private set; }

    public DateTime OccurredAtUtc { get; private set; }

    public SignInThrottleScope Scope { get; private set; }

    public SignInEventCause Cause { get; private set; }

    /// <summary>The account concerned, when the name belongs to one; an unknown name is not kept.</summary>
    public long? UserId { get; private set; }

    public string? UserName { get; private set; }

    /// <summary>The client's address (its /64 network for IPv6); none for <see cref="SignInEventCause.Cleared"/>.</summary>
    public string? Address { get; private set; }

    /// <summary>Failures in a row that made the throttle wait; 0 for a limit and a clearing.</summary>
    public int Failures { get; private set; }

    public DateTime? BlockedUntilUtc { get; private set; }

    /// <summary>The administrator who lifted the throttles.</summary>
    public long? ActorUserId { get; private set; }

    public string? ActorUserName { get; private set; }

    public static SignInEvent Throttled(SignInThrottle throttle, User? account, string address) => new()
    {
        OccurredAtUtc = throttle.LastFailureUtc,
        Scope = throttle.Scope,
        Cause = SignInEventCause.RepeatedFailures,
        UserId = account?.Id,
        UserName = account?.UserName,
        Address = address,
        Failures = throttle.Failures,
        BlockedUntilUtc = throttle.BlockedUntilUtc,
    };

    public static SignInEvent Limited(SignInThrottleScope scope, User? account, string address, DateTime nowUtc, TimeSpan retryAfter) => new()
    {
        OccurredAtUtc = nowUtc,
        Scope = scope,
        Cause = SignInEventCause.TooManyAttempts,
        UserId = account?.Id,
        UserName = account?.UserName,
        Address = address,
        BlockedUntilUtc = nowUtc + retryAfter,
    };

    public static SignInEvent Cleared(User account, long administratorId, string administratorName, DateTime nowUtc) => new()
    {
        OccurredAtUtc = nowUtc,
        Scope = SignInThrottleScope.Account,
        Cause = SignInEventCause.Cleared,
        UserId = account.Id,
        UserName = account.UserName,
        ActorUserId = administratorId,
        ActorUserName = administratorName,
    };
}
