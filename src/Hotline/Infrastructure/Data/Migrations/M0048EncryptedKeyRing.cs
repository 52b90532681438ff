using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// The key ring is encrypted with a certificate from now on (issue 13, item 12). Keys stored before were plain XML: anyone
/// with a backup could forge a session with them, and the newest of them would keep signing cookies for up to 90 days.
/// They are removed; the server makes a new, encrypted key, and sessions signed with a removed key end (staff sign in again).
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0048_EncryptedKeyRing")]
public sealed class M0048EncryptedKeyRing : Migration
{
    /// <summary>A key the data-protection system encrypted holds this element in place of the secret's value.</summary>
    public const string EncryptedMarker = "<encryptedSecret";

    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql($"DELETE FROM data_protection_keys WHERE xml NOT LIKE '%{EncryptedMarker}%';");
}
