using System.Net;
using System.Xml.Linq;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Data.Migrations;
using Hotline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Tests.Foundation;

/// <summary>
/// The key ring that signs sessions is stored in the database encrypted with a certificate (issue 13, item 12): no key's
/// secret is readable in the table, a session outlives a restart with the same certificate, a new certificate reads the
/// old keys only while the old one is listed as previous, and outside Development no certificate means no start.
/// </summary>
public abstract class KeyRingTests(DatabaseProvider provider)
{
    [Fact]
    public async Task StoredKeys_AreEncrypted_AndASessionOutlivesARestartWithTheSameCertificate()
    {
        await using var database = await ThrowawayDatabase.CreateAsync(provider);
        var cs = database.ConnectionString;
        string cookie;
        await using (var first = await RunningServer.StartAsync(provider, cs, []))
        {
            cookie = await first.SignInAsync("agent");
            using var me = await first.GetAsync("/api/auth/me", cookie);
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);

            var keys = await KeysAsync(first);
            Assert.NotEmpty(keys);
            foreach (var key in keys)
            {
                // Unencrypted, the secret is <masterKey><value>base64</value></masterKey>; encrypted, an <encryptedSecret>
                // holding XML-Encryption's EncryptedData replaces the whole <masterKey>.
                Assert.DoesNotContain(key.Descendants(), e => e.Name.LocalName is "masterKey" or "value");
                var secret = key.Descendants().SingleOrDefault(e => e.Name.LocalName == "encryptedSecret");
                Assert.True(secret is not null, key.ToString());
                Assert.Contains("EncryptedXmlDecryptor", (string?)secret.Attribute("decryptorType"), StringComparison.Ordinal);
                Assert.Contains(secret.Descendants(), e => e.Name.LocalName == "CipherValue");
                Assert.Contains(M0048EncryptedKeyRing.EncryptedMarker, key.ToString(SaveOptions.DisableFormatting), StringComparison.Ordinal);
            }
        }

        await using var second = await RunningServer.StartAsync(provider, cs, []);
        using var again = await second.GetAsync("/api/auth/me", cookie);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task NewCertificate_ReadsTheOldKeysOnlyWhileTheOldCertificateIsListedAsPrevious()
    {
        await using var database = await ThrowawayDatabase.CreateAsync(provider);
        var cs = database.ConnectionString;
        var oldCertificate = TestCertificates.Create("old");
        var newCertificate = TestCertificates.Create("new");
        string cookie;
        await using (var old = await RunningServer.StartAsync(provider, cs, TestCertificates.Settings(oldCertificate)))
        {
            cookie = await old.SignInAsync("agent");
        }

        await using (var replaced = await RunningServer.StartAsync(provider, cs, TestCertificates.Settings(newCertificate)))
        {
            using var refused = await replaced.GetAsync("/api/auth/me", cookie);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        IEnumerable<KeyValuePair<string, string?>> rotation =
        [
            .. TestCertificates.Settings(newCertificate),
            new("DataProtection:PreviousCertificates:0:Path", oldCertificate),
            new("DataProtection:PreviousCertificates:0:Password", TestCertificates.Password),
        ];
        await using var rotated = await RunningServer.StartAsync(provider, cs, rotation);
        using var accepted = await rotated.GetAsync("/api/auth/me", cookie);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Theory]
    [InlineData("", null, "Refusing to start in Production: DataProtection:CertificatePath is not set.")]
    [InlineData("missing.pfx", null, "DataProtection:CertificatePath: '")]
    [InlineData(null, "not-the-password", "DataProtection:CertificatePath: '")]
    public async Task Production_WithoutAUsableCertificate_IsRefusedBeforeTheDatabaseIsTouched(string? path, string? password, string message)
    {
        await using var database = await ThrowawayDatabase.CreateAsync(provider);
        var cs = database.ConnectionString;
        var settings = new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = path is null ? TestCertificates.KeyRingPath : path.Length == 0 ? "" : Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-{path}"),
            ["DataProtection:CertificatePassword"] = password ?? TestCertificates.Password,
        };
        var error = await Assert.ThrowsAsync<StartupRefusedException>(() => RunningServer.StartAsync(provider, cs, settings, "Production"));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        await using var db = Context(cs);
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Migration0048_RemovesTheKeysStoredInPlainText_AndKeepsEncryptedOnes()
    {
        await using var database = await ThrowawayDatabase.CreateAsync(provider);
        var cs = database.ConnectionString;
        await using var db = Context(cs);
        // EF finds a target migration by name only for its timestamped ids: migrate fully, then take 0048 back out
        // of the history so that the next migration runs it over the keys inserted meanwhile.
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '0048_EncryptedKeyRing'");
        Assert.Contains("0048_EncryptedKeyRing", await db.Database.GetPendingMigrationsAsync());
        db.DataProtectionKeys.Add(new DataProtectionKeyRow { FriendlyName = "plain", Xml = "<key id=\"1\"><descriptor><masterKey><value>c2VjcmV0</value></masterKey></descriptor></key>" });
        db.DataProtectionKeys.Add(new DataProtectionKeyRow { FriendlyName = "encrypted", Xml = "<key id=\"2\"><descriptor><masterKey><encryptedSecret decryptorType=\"x\"><EncryptedData /></encryptedSecret></masterKey></descriptor></key>" });
        await db.SaveChangesAsync();

        await db.Database.MigrateAsync();

        Assert.Equal(["encrypted"], await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync());
    }

    private static async Task<List<XElement>> KeysAsync(RunningServer server)
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        return (await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync()).Select(XElement.Parse).ToList();
    }

    private HotlineDbContext Context(string connectionString)
    {
        var options = new DbContextOptionsBuilder<HotlineDbContext>();
        DatabaseSetup.Configure(options, new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        return new HotlineDbContext(options.Options);
    }
}

public sealed class KeyRingTests_Sqlite() : KeyRingTests(DatabaseProvider.Sqlite);

public sealed class KeyRingTests_Postgres() : KeyRingTests(DatabaseProvider.Postgres);
