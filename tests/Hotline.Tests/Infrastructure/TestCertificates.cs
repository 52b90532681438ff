using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hotline.Tests.Infrastructure;

/// <summary>
/// Key-ring certificates for the tests: one made once per test run (every server the tests start encrypts its keys with
/// it, as production does, without all writing one shared data/data-protection.pfx), and others on demand for rotation.
/// </summary>
public static class TestCertificates
{
    public const string Password = "key-ring-test";

    private static readonly string Folder = Directory.CreateTempSubdirectory("hotline-key-ring-").FullName;
    private static readonly Lazy<string> Shared = new(() => Create("shared"), LazyThreadSafetyMode.ExecutionAndPublication);

    static TestCertificates() => AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(Folder, recursive: true);

    /// <summary>The certificate of every test server (password <see cref="Password"/>).</summary>
    public static string KeyRingPath => Shared.Value;

    /// <summary>A new certificate (password <see cref="Password"/>) in this run's folder; returns its path.</summary>
    public static string Create(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=Hotline test key ring {name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Folder, $"{name}-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }

    /// <summary>The key-ring settings for a certificate, as configuration entries.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(string path) =>
    [
        new("DataProtection:CertificatePath", path),
        new("DataProtection:CertificatePassword", Password),
    ];

    /// <summary>The same as environment variables for a process.</summary>
    public static void AddTo(IDictionary<string, string?> environment, string? path = null)
    {
        environment["DataProtection__CertificatePath"] = path ?? KeyRingPath;
        environment["DataProtection__CertificatePassword"] = Password;
    }
}
