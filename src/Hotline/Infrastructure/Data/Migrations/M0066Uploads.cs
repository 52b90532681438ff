using Hotline.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Attachments for real (issue 18): the uploads, stored files typed by their bytes, each its uploader's until an order
/// claims it. The order keeps its files' records (and a reply's) in its attachments JSON column, as before.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0066_Uploads")]
public sealed class M0066Uploads : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "uploads",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                uploaded_by_user_id = table.Column<long>(nullable: false),
                work_order_id = table.Column<long>(nullable: true),
                attached_utc = table.Column<DateTime>(nullable: true),
                name = table.Column<string>(maxLength: Limits.ShortText, nullable: false),
                content_type = table.Column<string>(maxLength: Limits.LongName, nullable: false),
                size = table.Column<long>(nullable: false),
                sha256 = table.Column<string>(maxLength: 64, nullable: false),
                storage_key = table.Column<string>(maxLength: Limits.StorageKey, nullable: false),
                has_thumbnail = table.Column<bool>(nullable: false),
                created_utc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_uploads", x => x.id));
        migrationBuilder.CreateIndex("ix_uploads_work_order_id_created_utc", "uploads", ["work_order_id", "created_utc"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("uploads");
}
