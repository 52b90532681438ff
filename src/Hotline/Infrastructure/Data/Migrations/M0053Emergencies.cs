using Hotline.Domain;
using Hotline.Domain.Dispatch;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Emergency work orders (issue 15): the emergency raised on an order, its confirming calls and reports; the duty roster;
/// the emergency plan catalogue; emergency categories. A platform whose category tree exists already gets the default
/// tree's 应急事件 branch (a platform without categories gets the whole tree, marked, when it is first loaded).
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0053_Emergencies")]
public sealed class M0053Emergencies : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var json = migrationBuilder.JsonType();
        migrationBuilder.AddColumn<string>(name: "emergency", table: "work_orders", type: json, nullable: true);
        migrationBuilder.AddColumn<string>(name: "emergency_calls", table: "work_orders", type: json, nullable: false, defaultValueSql: "'[]'");
        migrationBuilder.AddColumn<string>(name: "emergency_reports", table: "work_orders", type: json, nullable: false, defaultValueSql: "'[]'");
        if (migrationBuilder.IsPostgres())
        {
            // Existing rows got an empty list; new rows always write theirs, as the model (no default) says.
            migrationBuilder.Sql("ALTER TABLE work_orders ALTER COLUMN emergency_calls DROP DEFAULT, ALTER COLUMN emergency_reports DROP DEFAULT");
        }


        migrationBuilder.CreateTable(
            name: "duty_shifts",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                date = table.Column<DateOnly>(nullable: false),
                shift = table.Column<string>(maxLength: 32, nullable: false),
                team_leader_user_id = table.Column<long>(nullable: true),
                team_leader_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                site_manager_user_id = table.Column<long>(nullable: true),
                site_manager_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_duty_shifts", x => x.id));
        migrationBuilder.CreateIndex("ix_duty_shifts_date_shift", "duty_shifts", ["date", "shift"], unique: true);

        migrationBuilder.CreateTable(
            name: "emergency_plans",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                category_code = table.Column<string>(maxLength: Limits.Code, nullable: false),
                name = table.Column<string>(maxLength: Limits.LongName, nullable: false),
                lead_unit_id = table.Column<long>(nullable: false),
                lead_unit_name = table.Column<string>(maxLength: Limits.LongName, nullable: false),
                lead_contact = table.Column<string>(maxLength: Limits.ShortText, nullable: false),
                co_units = table.Column<string>(type: json, nullable: false),
                version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_emergency_plans", x => x.id);
                table.ForeignKey("fk_emergency_plans_units_lead_unit_id", x => x.lead_unit_id, "units", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_emergency_plans_category_code", "emergency_plans", "category_code", unique: true);
        migrationBuilder.CreateIndex("ix_emergency_plans_lead_unit_id", "emergency_plans", "lead_unit_id");

        migrationBuilder.AddColumn<bool>(name: "is_emergency", table: "categories", nullable: false, defaultValue: false);
        var synonyms = DefaultCategories.Synonyms;
        foreach (var (code, name) in DefaultCategories.Tree.Where(c => DefaultCategories.Emergencies.Contains(c.Code)))
        {
            var parent = code.Length > 2 ? Quote(code[..^2]) : "NULL";
            var words = Quote(string.Join(',', synonyms.GetValueOrDefault(code) ?? []));
            migrationBuilder.Sql(
                $"INSERT INTO categories (code, name, parent_code, level, is_active, version, synonyms, is_emergency) " +
                $"SELECT {Quote(code)}, {Quote(name)}, {parent}, {code.Length / 2}, TRUE, 0, {words}, TRUE " +
                $"WHERE EXISTS (SELECT 1 FROM categories) AND NOT EXISTS (SELECT 1 FROM categories WHERE code = {Quote(code)});");
        }
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
