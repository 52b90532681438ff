using System.Security.Cryptography;
using System.Text;

namespace Hotline.Domain.Organisation;

/// <summary>What a sign-in throttle counts the failures of.</summary>
public enum SignInThrottleScope
{
    /// <summary>A user name, tried from any browser that has not signed in to it before (known or not: both count alike).</summary>
    Account,

    /// <summary>A client address (an IPv6 client by its /64 network), whatever names it tries.</summary>
    Address,

    /// <summary>One account in one browser that has signed in to it before (the owner's, told apart by its device cookie).</summary>
    Device,
}

/// <summary>
/// How failures slow sign-in down: the first <see cref="FreeFailures"/> in a row cost nothing; the one that reaches it,
/// and each after, makes the next attempt wait, <see cref="FirstDelay"/> and twice as long each time, at most
/// <see cref="MaxDelay"/>. A row without a failure for <see cref="ForgetAfter"/> starts again from none.
/// </summary>
public sealed record SignInThrottleRule(int FreeFailures, TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan ForgetAfter)
{
    /// <summary>The rules of docs/decisions.md ("Sign-in throttle").</summary>
    public static SignInThrottleRule DefaultFor(SignInThrottleScope scope) => scope switch
    {
        SignInThrottleScope.Account => new(5, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15), TimeSpan.FromHours(24)),
        SignInThrottleScope.Address => new(20, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(60), TimeSpan.FromHours(1)),
        SignInThrottleScope.Device => new(5, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15), TimeSpan.FromHours(24)),
        _ => throw new ArgumentOutOfRangeException(nameof(scope)),
    };

    /// <summary>The wait after <paramref name="failures"/> failures in a row; zero while they are free.</summary>
    public TimeSpan DelayAfter(int failures)
    {
        if (failures < FreeFailures)
        {
            return TimeSpan.Zero;
        }

        var delay = FirstDelay;
        for (var failure = FreeFailures; failure < failures && delay < MaxDelay; failure++)
        {
            delay += delay;
        }

        return delay < MaxDelay ? delay : MaxDelay;
    }
}

/// <summary>
/// The failed sign-ins of one account, address or device, and until when the next attempt must wait. A throttled
/// attempt is answered without checking the password and is not counted, so waiting is the only way on.
/// </summary>
public sealed class SignInThrottle
{
    /// <summary>Room for an account's SHA-256 (64 hex digits), an address with its prefix length, or a device id.</summary>
    public const int MaxSubjectLength = 64;

    private SignInThrottle()
    {
        Subject = string.Empty;
    }

    public SignInThrottleScope Scope { get; private set; }

    /// <summary>
    /// The account's user name as a SHA-256 (a name that belongs to nobody may be a password typed in the wrong field, so
    /// it is never stored), the address, or the device id.
    /// </summary>
    public string Subject { get; private set; }

    /// <summary>The account the failures were against, when it exists.</summary>
    public long? UserId { get; private set; }

    public int Failures { get; private set; }

    public DateTime LastFailureUtc { get; private set; }

    public DateTime? BlockedUntilUtc { get; private set; }

    public long Version { get; private set; }

    public static SignInThrottle Start(SignInThrottleScope scope, string subject, long? userId) =>
        new() { Scope = scope, Subject = subject, UserId = userId };

    /// <summary>The subject of an account's throttle: the SHA-256 of its normalised user name.</summary>
    public static string AccountSubject(string normalisedUserName) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalisedUserName)));

    /// <summary>How long the next attempt must still wait; null when it may go ahead.</summary>
    public TimeSpan? RetryAfter(DateTime nowUtc) => BlockedUntilUtc is { } until && until > nowUtc ? until - nowUtc : null;

    /// <summary>Counts a failure; true when it makes the next attempt wait (a throttle event for the record).</summary>
    public bool RecordFailure(DateTime nowUtc, SignInThrottleRule rule, long? userId)
    {
        if (Failures > 0 && nowUtc - LastFailureUtc > rule.ForgetAfter)
        {
            Failures = 0;
        }

        Failures++;
        LastFailureUtc = nowUtc;
        UserId ??= userId;
        var delay = rule.DelayAfter(Failures);
        BlockedUntilUtc = delay > TimeSpan.Zero ? nowUtc + delay : null;
        return delay > TimeSpan.Zero;
    }

    /// <summary>
    /// The right password: an account's or device's count starts again. An address's does not: many people share one
    /// (an office behind one gateway), and someone guessing could clear it with an account of their own.
    /// </summary>
    public void RecordSuccess()
    {
        if (Scope == SignInThrottleScope.Address)
        {
            return;
        }

        Failures = 0;
        BlockedUntilUtc = null;
    }
}
