using System.Globalization;
using System.Security.Cryptography;

namespace Hotline.Domain.Citizens;

/// <summary>What checking a one-time code found.</summary>
public enum CodeCheck
{
    Verified,
    Wrong,

    /// <summary>Expired, used, or killed by too many wrong tries: ask for a new one.</summary>
    Dead,
}

/// <summary>
/// A one-time code sent by SMS to prove a phone (issue 18). Only its salted hash is stored, beside the phone's key (a
/// hash too); it lives <see cref="CitizenRules.CodeLifetime"/>, is used once, and dies after
/// <see cref="CitizenRules.CodeTries"/> wrong tries.
/// </summary>
public sealed class OneTimeCode
{
    private OneTimeCode()
    {
        PhoneKey = Salt = CodeHash = ClientAddress = string.Empty;
    }

    public long Id { get; private set; }

    public string PhoneKey { get; private set; }

    public CodePurpose Purpose { get; private set; }

    public string Salt { get; private set; }

    public string CodeHash { get; private set; }

    /// <summary>Who asked (the client address as the limits count it), for the per-address limit.</summary>
    public string ClientAddress { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime ExpiresAtUtc { get; private set; }

    public int FailedTries { get; private set; }

    public DateTime? UsedAtUtc { get; private set; }

    /// <summary>A new code for the phone; <paramref name="code"/> is the plain code, for the SMS only.</summary>
    public static OneTimeCode Issue(string phone, CodePurpose purpose, string clientAddress, DateTime nowUtc, out string code)
    {
        code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return new OneTimeCode
        {
            PhoneKey = CitizenRules.PhoneKey(phone),
            Purpose = purpose,
            Salt = salt,
            CodeHash = CitizenRules.Hash(salt + ":" + code),
            ClientAddress = clientAddress.Length > 64 ? clientAddress[..64] : clientAddress,
            CreatedAtUtc = nowUtc,
            ExpiresAtUtc = nowUtc + CitizenRules.CodeLifetime,
        };
    }

    public bool IsLive(DateTime nowUtc) => UsedAtUtc is null && nowUtc < ExpiresAtUtc && FailedTries < CitizenRules.CodeTries;

    /// <summary>Checks a code typed by the citizen (constant time); a right one is used up, a wrong one counts.</summary>
    public CodeCheck Check(string? typed, DateTime nowUtc)
    {
        if (!IsLive(nowUtc))
        {
            return CodeCheck.Dead;
        }

        var candidate = CitizenRules.Hash(Salt + ":" + (typed ?? string.Empty).Trim());
        if (CitizenRules.SameHash(candidate, CodeHash))
        {
            UsedAtUtc = nowUtc;
            return CodeCheck.Verified;
        }

        FailedTries++;
        return FailedTries >= CitizenRules.CodeTries ? CodeCheck.Dead : CodeCheck.Wrong;
    }

    /// <summary>
    /// Whether a phone that asked for <paramref name="recentForPhone"/> codes (their creation times, last hour) and an
    /// address that asked for <paramref name="recentForAddress"/> may have another now; else when to try again.
    /// </summary>
    public static TimeSpan? WaitBeforeNext(IReadOnlyCollection<DateTime> recentForPhone, int recentForAddress, DateTime nowUtc)
    {
        var hourAgo = nowUtc.AddHours(-1);
        var phone = recentForPhone.Where(t => t > hourAgo).Order().ToList();
        if (phone.Count > 0 && nowUtc - phone[^1] < CitizenRules.CodeInterval)
        {
            return CitizenRules.CodeInterval - (nowUtc - phone[^1]);
        }

        if (phone.Count >= CitizenRules.CodesPerPhonePerHour)
        {
            return phone[^CitizenRules.CodesPerPhonePerHour] - hourAgo;
        }

        return recentForAddress >= CitizenRules.CodesPerAddressPerHour ? TimeSpan.FromMinutes(10) : null;
    }
}
