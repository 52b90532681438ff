using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>Units, users and roles, and the working-day calendar.</summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0001_Foundation")]
public sealed class M0001Foundation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "units",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                code = table.Column<string>(maxLength: 32, nullable: false),
                name = table.Column<string>(maxLength: 100, nullable: false),
                kind = table.Column<string>(maxLength: 32, nullable: false),
                parent_id = table.Column<long>(nullable: true),
                path = table.Column<string>(maxLength: 400, nullable: false),
                depth = table.Column<int>(nullable: false),
                region_code = table.Column<string>(maxLength: 12, nullable: true),
                is_active = table.Column<bool>(nullable: false),
                liaisons = table.Column<string>(type: migrationBuilder.JsonType(), nullable: false),
                version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_units", x => x.id);
                table.ForeignKey("fk_units_units_parent_id", x => x.parent_id, "units", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_units_code", "units", "code", unique: true);
        migrationBuilder.CreateIndex("ix_units_path", "units", "path");
        migrationBuilder.CreateIndex("ix_units_parent_id", "units", "parent_id");

        migrationBuilder.CreateTable(
            name: "users",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                user_name = table.Column<string>(maxLength: 64, nullable: false),
                display_name = table.Column<string>(maxLength: 50, nullable: false),
                unit_id = table.Column<long>(nullable: false),
                password_hash = table.Column<string>(maxLength: 256, nullable: false),
                has_default_password = table.Column<bool>(nullable: false),
                is_active = table.Column<bool>(nullable: false),
                failed_login_count = table.Column<int>(nullable: false),
                lockout_end_utc = table.Column<DateTime>(nullable: true),
                security_stamp = table.Column<string>(maxLength: 64, nullable: false),
                created_at_utc = table.Column<DateTime>(nullable: false),
                version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_users", x => x.id);
                table.ForeignKey("fk_users_units_unit_id", x => x.unit_id, "units", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_users_user_name", "users", "user_name", unique: true);
        migrationBuilder.CreateIndex("ix_users_unit_id", "users", "unit_id");

        migrationBuilder.CreateTable(
            name: "user_roles",
            columns: table => new
            {
                user_id = table.Column<long>(nullable: false),
                role = table.Column<string>(maxLength: 32, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_user_roles", x => new { x.user_id, x.role });
                table.ForeignKey("fk_user_roles_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "calendar_years",
            columns: table => new
            {
                year = table.Column<int>(nullable: false),
                source = table.Column<string>(maxLength: 500, nullable: false),
                updated_at_utc = table.Column<DateTime>(nullable: false),
                updated_by = table.Column<string>(maxLength: 64, nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_calendar_years", x => x.year));

        migrationBuilder.CreateTable(
            name: "calendar_days",
            columns: table => new
            {
                date = table.Column<DateOnly>(nullable: false),
                year = table.Column<int>(nullable: false),
                kind = table.Column<string>(maxLength: 16, nullable: false),
                name = table.Column<string>(maxLength: 50, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_calendar_days", x => x.date);
                table.ForeignKey("fk_calendar_days_calendar_years_year", x => x.year, "calendar_years", "year", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_calendar_days_year", "calendar_days", "year");

        migrationBuilder.CreateTable(
            name: "data_protection_keys",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                friendly_name = table.Column<string>(maxLength: 200, nullable: true),
                xml = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_data_protection_keys", x => x.id));
    }
}
