using Hotline.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Issue 18: the public 好差评 rating of a closed work order's service and the centre's follow-up of a 差评
/// (<c>service_ratings</c>, one per order); the rectification result a supervisor publishes with a listed notice
/// (<c>supervision_notices.public_result</c>).
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0073_ServiceRatings")]
public sealed class M0073ServiceRatings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("public_result", "supervision_notices", maxLength: Limits.MediumText, nullable: true);

        migrationBuilder.CreateTable(
            name: "service_ratings",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                work_order_id = table.Column<long>(nullable: false),
                work_order_number = table.Column<string>(maxLength: 32, nullable: false),
                unit_id = table.Column<long>(nullable: true),
                unit_name = table.Column<string>(maxLength: 100, nullable: true),
                unit_path = table.Column<string>(maxLength: 400, nullable: false),
                grade = table.Column<string>(maxLength: 32, nullable: false),
                is_bad = table.Column<bool>(nullable: false),
                comment = table.Column<string>(maxLength: Limits.Reason, nullable: true),
                channel = table.Column<string>(maxLength: 32, nullable: false),
                rated_at_utc = table.Column<DateTime>(nullable: false),
                follow_up_due_utc = table.Column<DateTime>(nullable: true),
                follow_up_outcome = table.Column<string>(maxLength: 32, nullable: true),
                follow_up_note = table.Column<string>(maxLength: Limits.Reason, nullable: true),
                followed_up_at_utc = table.Column<DateTime>(nullable: true),
                followed_up_by_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_service_ratings", x => x.id));
        migrationBuilder.CreateIndex("ix_service_ratings_work_order_id", "service_ratings", "work_order_id", unique: true);
        migrationBuilder.CreateIndex("ix_service_ratings_rated_at_utc", "service_ratings", "rated_at_utc");
        migrationBuilder.CreateIndex("ix_service_ratings_follow_up", "service_ratings", ["is_bad", "followed_up_at_utc", "follow_up_due_utc"]);
        migrationBuilder.CreateIndex("ix_service_ratings_unit_path", "service_ratings", "unit_path").Annotation("Npgsql:IndexOperators", MigrationExtensions.TextPatternOps);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("service_ratings");
        migrationBuilder.DropColumn("public_result", "supervision_notices");
    }
}
