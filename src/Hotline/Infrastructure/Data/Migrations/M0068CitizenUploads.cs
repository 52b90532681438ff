using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Photos on a citizen's submission (issue 18): an upload may be a verified phone's (its phone key, hashed) rather than a
/// member of staff's, and claimed by a submission before an intake agent carries it onto the order.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0068_CitizenUploads")]
public sealed class M0068CitizenUploads : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "citizen_phone_key", table: "uploads", maxLength: 64, nullable: true);
        migrationBuilder.AddColumn<long>(name: "submission_id", table: "uploads", nullable: true);
        migrationBuilder.CreateIndex("ix_uploads_citizen_phone_key_created_utc", "uploads", ["citizen_phone_key", "created_utc"]);
        migrationBuilder.CreateIndex("ix_uploads_submission_id", "uploads", "submission_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("ix_uploads_submission_id", "uploads");
        migrationBuilder.DropIndex("ix_uploads_citizen_phone_key_created_utc", "uploads");
        migrationBuilder.DropColumn("submission_id", "uploads");
        migrationBuilder.DropColumn("citizen_phone_key", "uploads");
    }
}
