using System.Security.Cryptography;
using System.Text;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Citizens;

/// <summary>What a one-time code is asked for: following a request, or sending one.</summary>
public enum CodePurpose
{
    Track,
    Submit,
}

/// <summary>
/// Issue 18: every number of the citizens' channels, declared once: the one-time codes (length, life, tries, how often a
/// phone and an address may ask), the citizen token's life, a rotated channel key's grace period, and who may act.
/// </summary>
public static class CitizenRules
{
    public const int CodeDigits = 6;

    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Wrong codes a code survives; the next wrong one kills it.</summary>
    public const int CodeTries = 5;

    /// <summary>One code per phone per minute …</summary>
    public static readonly TimeSpan CodeInterval = TimeSpan.FromSeconds(60);

    /// <summary>… and five an hour.</summary>
    public const int CodesPerPhonePerHour = 5;

    /// <summary>Codes one client address may ask for in an hour, whatever the phones.</summary>
    public const int CodesPerAddressPerHour = 20;

    /// <summary>How long a verified phone stays verified (the citizen token).</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(30);

    /// <summary>How long a rotated channel key keeps working beside its successor, so apps can be updated.</summary>
    public static readonly TimeSpan KeyGracePeriod = TimeSpan.FromHours(24);

    /// <summary>The channels a key may be issued for: the app, the WeChat mini-program, the web (the portal, Open311 partners).</summary>
    public static readonly IReadOnlySet<Channel> KeyChannels = new HashSet<Channel> { Channel.App, Channel.WeChat, Channel.Web };

    /// <summary>Who creates, rotates and revokes channel keys: administrators.</summary>
    public static readonly IReadOnlySet<Role> KeyAdministrators = new HashSet<Role> { Role.Administrator };

    /// <summary>Who works the online intake queue: whoever may register a work order.</summary>
    public static IReadOnlySet<Role> IntakeRoles => WorkOrderTransitions.RolesFor(WorkOrderAction.Register);

    /// <summary>
    /// Who sees the online intake queue: the centre (platform-wide scope). Submissions are not yet with any unit, so a unit
    /// or a county hotline office sees none of them, as it sees no order before dispatch.
    /// </summary>
    public static bool SeesQueue(AccessScope scope) => scope is not null && scope.IsPlatformWide;

    /// <summary>Who sees the photos of a submission still in the queue: the intake agents who see the queue (issue 18).</summary>
    public static bool SeesSubmissionFiles(IReadOnlySet<Role> roles, AccessScope scope) =>
        roles is not null && IntakeRoles.Overlaps(roles) && SeesQueue(scope);

    /// <summary>The photos one verified phone may upload in an hour (a form holds at most an order's count of them).</summary>
    public const int UploadsPerHour = 3 * Limits.Attachments;

    /// <summary>A phone as the citizen's channels compare it: digits only, a leading +86 or 86 dropped.</summary>
    public static string NormalisePhone(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal) ? digits[2..] : digits;
    }

    /// <summary>A mainland mobile number (11 digits starting with 1): what an SMS can reach.</summary>
    public static bool IsMobile(string? phone) =>
        phone is not null && NormalisePhone(phone) is { Length: 11 } digits && digits[0] == '1' && phone.Length <= Limits.Phone;

    /// <summary>The phone's key in the codes table: a SHA-256 of the normalised number, so the table keeps no number.</summary>
    public static string PhoneKey(string phone) => Hex(SHA256.HashData(Encoding.UTF8.GetBytes(NormalisePhone(phone))));

    /// <summary>The hash a secret (a code with its salt, a channel key) is stored as.</summary>
    public static string Hash(string secret) => Hex(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Constant-time comparison of two hashes as stored.</summary>
    public static bool SameHash(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
