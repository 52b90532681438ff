using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hotline.Infrastructure.Data;

namespace Hotline.Infrastructure.KeyRing;

/// <summary>
/// The certificates of the key ring, read when the application is built: the current one encrypts new keys, it and the
/// previous ones decrypt stored keys. In Development without a setting one is generated once in
/// <c>data/data-protection.pfx</c>. A missing (outside Development) or unusable certificate is kept as the refusal
/// <see cref="EnsureAvailable"/> throws at start, so the command-line verbs, which use no session, still run.
/// </summary>
public sealed class KeyRingCertificates
{
    /// <summary>Where Development keeps its generated certificate (relative to the current directory, beside the database).</summary>
    public const string DevelopmentPath = "data/data-protection.pfx";

    private readonly string? _refusal;

    private KeyRingCertificates(X509Certificate2? current, IReadOnlyList<X509Certificate2> all, string? refusal)
    {
        Current = current;
        All = all;
        _refusal = refusal;
    }

    /// <summary>Encrypts every new key; null when the start is to be refused.</summary>
    public X509Certificate2? Current { get; }

    /// <summary>The current certificate and the previous ones: any of them decrypts a stored key it encrypted.</summary>
    public IReadOnlyList<X509Certificate2> All { get; }

    /// <summary>Refuses the start (one line, exit code 3) when the certificate is missing or unusable.</summary>
    public void EnsureAvailable()
    {
        if (_refusal is not null)
        {
            throw new StartupRefusedException(_refusal);
        }
    }

    /// <summary>Reads the certificates the <c>DataProtection</c> section names (or Development's generated one).</summary>
    public static KeyRingCertificates Read(KeyRingOptions options, IHostEnvironment environment)
    {
        try
        {
            var (current, all) = Load(options, environment);
            return new KeyRingCertificates(current, all, null);
        }
        catch (StartupRefusedException refusal)
        {
            return new KeyRingCertificates(null, [], refusal.Message);
        }
    }

    /// <summary>Loads the development certificate at <paramref name="path"/>, generating it (file 0600, folder 0700) the first time.</summary>
    public static X509Certificate2 LoadOrCreateDevelopmentCertificate(string path)
    {
        if (!File.Exists(path))
        {
            using var rsa = RSA.Create(3072);
            var request = new CertificateRequest("CN=Hotline 12345 development key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var now = DateTimeOffset.UtcNow;
            using var generated = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));
            var bytes = generated.Export(X509ContentType.Pkcs12);
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            DataFiles.CreateFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using (var stream = DataFiles.OpenNew(temporary))
            {
                stream.Write(bytes);
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary); // another process made it first: use that one
            }
        }

        return Read(path, null);
    }

    private static (X509Certificate2, IReadOnlyList<X509Certificate2>) Load(KeyRingOptions options, IHostEnvironment environment)
    {
        X509Certificate2 current;
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            current = ReadSetting($"{KeyRingOptions.Section}:CertificatePath", options.CertificatePath, options.CertificatePassword);
        }
        else if (environment.IsDevelopment())
        {
            current = LoadOrCreateDevelopmentCertificate(Path.GetFullPath(DevelopmentPath));
        }
        else
        {
            throw new StartupRefusedException(
                $"Refusing to start in {environment.EnvironmentName}: {KeyRingOptions.Section}:CertificatePath is not set. " +
                "The key ring that signs sessions is stored in the database encrypted with that certificate (a .pfx with a private key); README, \"Keys at rest\".");
        }

        var all = new List<X509Certificate2> { current };
        for (var i = 0; i < options.PreviousCertificates.Count; i++)
        {
            var previous = options.PreviousCertificates[i];
            if (!string.IsNullOrWhiteSpace(previous.Path))
            {
                all.Add(ReadSetting($"{KeyRingOptions.Section}:PreviousCertificates:{i}:Path", previous.Path, previous.Password));
            }
        }

        return (current, all);
    }

    private static X509Certificate2 ReadSetting(string setting, string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new StartupRefusedException($"{setting}: '{path}' does not exist.");
        }

        try
        {
            return Read(path, password);
        }
        catch (CryptographicException e)
        {
            throw new StartupRefusedException($"{setting}: '{path}' is not a PKCS#12 file this password opens ({e.Message.TrimEnd('.')}).");
        }
        catch (InvalidOperationException e) when (e is not StartupRefusedException)
        {
            throw new StartupRefusedException($"{setting}: '{path}': {e.Message}");
        }
    }

    private static X509Certificate2 Read(string path, string? password)
    {
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException("the certificate has no RSA private key, which decrypting the key ring needs.");
        }

        return certificate;
    }
}
