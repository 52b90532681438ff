namespace Hotline.Infrastructure.KeyRing;

/// <summary>
/// The <c>DataProtection</c> configuration section: the certificate that encrypts the key ring (the keys that sign the
/// session cookie) before it is stored in the database, and the retired certificates still needed to read older keys.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 file (.pfx) with a private key. Required outside Development.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Certificates replaced by <see cref="CertificatePath"/>: they decrypt older keys, never encrypt new ones.</summary>
    public List<KeyRingCertificateFile> PreviousCertificates { get; set; } = [];
}

public sealed class KeyRingCertificateFile
{
    public string? Path { get; set; }

    public string? Password { get; set; }
}
