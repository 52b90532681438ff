using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Failed sign-ins slow an account, an address or a device down instead of locking the account (issue 13, defect 7):
/// the throttles replace the users' lockout columns, and every throttle, limit and clearing is kept for the administrator.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0044_SignInThrottles")]
public sealed class M0044SignInThrottles : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "sign_in_throttles",
            columns: table => new
            {
                scope = table.Column<string>(maxLength: 32, nullable: false),
                subject = table.Column<string>(maxLength: 64, nullable: false),
                user_id = table.Column<long>(nullable: true),
                failures = table.Column<int>(nullable: false),
                last_failure_utc = table.Column<DateTime>(nullable: false),
                blocked_until_utc = table.Column<DateTime>(nullable: true),
                version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_sign_in_throttles", x => new { x.scope, x.subject }));
        migrationBuilder.CreateIndex("ix_sign_in_throttles_last_failure_utc", "sign_in_throttles", "last_failure_utc");
        migrationBuilder.CreateIndex("ix_sign_in_throttles_user_id", "sign_in_throttles", "user_id");

        migrationBuilder.CreateTable(
            name: "sign_in_events",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                occurred_at_utc = table.Column<DateTime>(nullable: false),
                scope = table.Column<string>(maxLength: 32, nullable: false),
                cause = table.Column<string>(maxLength: 32, nullable: false),
                user_id = table.Column<long>(nullable: true),
                user_name = table.Column<string>(maxLength: 64, nullable: true),
                address = table.Column<string>(maxLength: 64, nullable: true),
                failures = table.Column<int>(nullable: false),
                blocked_until_utc = table.Column<DateTime>(nullable: true),
                actor_user_id = table.Column<long>(nullable: true),
                actor_user_name = table.Column<string>(maxLength: 64, nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_sign_in_events", x => x.id));
        migrationBuilder.CreateIndex("ix_sign_in_events_occurred_at_utc", "sign_in_events", "occurred_at_utc");
        migrationBuilder.CreateIndex("ix_sign_in_events_user_id", "sign_in_events", "user_id");

        // EF's SQLite generator refuses DropColumn outside a rebuild; SQLite itself drops a column since 3.35.
        foreach (var column in new[] { "failed_login_count", "lockout_end_utc" })
        {
            if (migrationBuilder.IsPostgres())
            {
                migrationBuilder.DropColumn(name: column, table: "users");
            }
            else
            {
                migrationBuilder.Sql($"ALTER TABLE users DROP COLUMN {column};");
            }
        }
    }
}
