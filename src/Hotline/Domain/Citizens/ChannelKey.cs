using System.Security.Cryptography;
using Hotline.Domain.WorkOrders;

namespace Hotline.Domain.Citizens;

/// <summary>
/// An API key of one citizen channel (the app, the mini-program, a partner), issue 18. Only the key's hash is stored;
/// the key itself is shown once, when it is made. Rotating makes a new key and keeps the old one working for
/// <see cref="CitizenRules.KeyGracePeriod"/>; revoking stops both at once.
/// </summary>
public sealed class ChannelKey
{
    private ChannelKey()
    {
        Name = KeyHash = KeyPrefix = CreatedByName = string.Empty;
    }

    public long Id { get; private set; }

    public string Name { get; private set; }

    public Channel Channel { get; private set; }

    public string KeyHash { get; private set; }

    /// <summary>The key's first characters, to recognise it in the list.</summary>
    public string KeyPrefix { get; private set; }

    public string? PreviousKeyHash { get; private set; }

    public DateTime? PreviousValidUntilUtc { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public string CreatedByName { get; private set; }

    public DateTime? RotatedAtUtc { get; private set; }

    public DateTime? RevokedAtUtc { get; private set; }

    public string? RevokedByName { get; private set; }

    public long Version { get; private set; }

    public bool IsRevoked => RevokedAtUtc is not null;

    public static ChannelKey Create(string name, Channel channel, string actorName, DateTime nowUtc, out string key)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > Limits.Name)
        {
            throw ValidationException.For("name", "Name the key (its app or partner), at most 50 characters.");
        }

        if (!CitizenRules.KeyChannels.Contains(channel))
        {
            throw ValidationException.For("channel", "A key is for the app, the mini-program (weChat) or the web.");
        }

        key = NewKey();
        return new ChannelKey
        {
            Name = name.Trim(),
            Channel = channel,
            KeyHash = CitizenRules.Hash(key),
            KeyPrefix = key[..10],
            CreatedAtUtc = nowUtc,
            CreatedByName = actorName,
        };
    }

    /// <summary>A new key; the old one keeps working for the grace period.</summary>
    public string Rotate(DateTime nowUtc)
    {
        RequireLive();
        var key = NewKey();
        PreviousKeyHash = KeyHash;
        PreviousValidUntilUtc = nowUtc + CitizenRules.KeyGracePeriod;
        KeyHash = CitizenRules.Hash(key);
        KeyPrefix = key[..10];
        RotatedAtUtc = nowUtc;
        return key;
    }

    public void Revoke(string actorName, DateTime nowUtc)
    {
        RequireLive();
        RevokedAtUtc = nowUtc;
        RevokedByName = actorName;
        PreviousKeyHash = null;
        PreviousValidUntilUtc = null;
    }

    /// <summary>Whether a presented key's hash opens this channel now.</summary>
    public bool Accepts(string presentedHash, DateTime nowUtc) =>
        !IsRevoked && (CitizenRules.SameHash(presentedHash, KeyHash)
            || (PreviousKeyHash is not null && nowUtc < PreviousValidUntilUtc && CitizenRules.SameHash(presentedHash, PreviousKeyHash)));

    private void RequireLive()
    {
        if (IsRevoked)
        {
            throw new DomainException("channel_key.revoked", "This key is revoked; create a new one.");
        }
    }

    /// <summary>"hk_" and 32 random bytes in URL-safe base64: long enough that a plain SHA-256 is a safe way to keep it.</summary>
    private static string NewKey() => "hk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
