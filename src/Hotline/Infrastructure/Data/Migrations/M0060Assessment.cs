using Hotline.Domain;
using Hotline.Domain.Assessment;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Assessment (issue 17): the facts (one row per order × unit that held it, unit 0 the order itself) and their rollups per
/// day × unit × category × region × channel × request type, one int column per measure of
/// <see cref="AssessmentMeasures.Names"/>; the rule versions and the appeals. The facts fill from the timeline's start
/// (the follower has no stored position yet) or at once with <c>hotline rollups rebuild</c>.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0060_Assessment")]
public sealed class M0060Assessment : Migration
{
    private static readonly string[] FactKey = ["work_order_id", "unit_id"];
    private static readonly string[] RollupKey = ["day", "unit_id", "category_code", "region_code", "channel", "request_type"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Operations.Add(MeasureTable("assessment_facts", FactKey,
        [
            Column("work_order_id", typeof(long)), Column("unit_id", typeof(long)), Column("day", typeof(DateOnly)),
            Column("category_code", typeof(string), Limits.Code), Column("region_code", typeof(string), Limits.Code),
            Column("channel", typeof(string), 32), Column("request_type", typeof(string), 32), Column("open_due_utc", typeof(DateTime), nullable: true),
        ]));
        migrationBuilder.CreateIndex("ix_assessment_facts_unit_id_day", "assessment_facts", ["unit_id", "day"]);
        migrationBuilder.CreateIndex("ix_assessment_facts_open_due_utc", "assessment_facts", "open_due_utc");

        migrationBuilder.Operations.Add(MeasureTable("assessment_rollups", RollupKey,
        [
            Column("day", typeof(DateOnly)), Column("unit_id", typeof(long)), Column("category_code", typeof(string), Limits.Code),
            Column("region_code", typeof(string), Limits.Code), Column("channel", typeof(string), 32), Column("request_type", typeof(string), 32),
        ]));
        migrationBuilder.CreateIndex("ix_assessment_rollups_unit_id_day", "assessment_rollups", ["unit_id", "day"]);

        migrationBuilder.CreateTable(
            name: "assessment_rule_versions",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                effective_from = table.Column<DateOnly>(nullable: false),
                response_weight = table.Column<int>(nullable: false),
                solve_weight = table.Column<int>(nullable: false),
                satisfaction_weight = table.Column<int>(nullable: false),
                exclude_invalid = table.Column<bool>(nullable: false),
                exclude_duplicate = table.Column<bool>(nullable: false),
                exclude_unreasonable = table.Column<bool>(nullable: false),
                exclude_exempt = table.Column<bool>(nullable: false),
                created_at_utc = table.Column<DateTime>(nullable: false),
                created_by_name = table.Column<string>(maxLength: Limits.Name, nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_assessment_rule_versions", x => x.id));
        migrationBuilder.CreateIndex("ix_assessment_rule_versions_effective_from", "assessment_rule_versions", "effective_from", unique: true);

        migrationBuilder.CreateTable(
            name: "assessment_appeals",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                work_order_id = table.Column<long>(nullable: false),
                work_order_number = table.Column<string>(maxLength: Limits.Reference, nullable: false),
                unit_id = table.Column<long>(nullable: false),
                unit_path = table.Column<string>(maxLength: 400, nullable: false),
                unit_name = table.Column<string>(maxLength: 100, nullable: false),
                formula_code = table.Column<string>(maxLength: Limits.Reference, nullable: false),
                reason = table.Column<string>(maxLength: Limits.Reason, nullable: false),
                evidence = table.Column<string>(maxLength: Limits.MediumText, nullable: false),
                state = table.Column<string>(maxLength: 32, nullable: false),
                filed_at_utc = table.Column<DateTime>(nullable: false),
                filed_by_name = table.Column<string>(maxLength: Limits.Name, nullable: false),
                decided_at_utc = table.Column<DateTime>(nullable: true),
                decided_by_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                decision_note = table.Column<string>(maxLength: Limits.Reason, nullable: true),
                version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_assessment_appeals", x => x.id);
                table.ForeignKey("fk_assessment_appeals_units_unit_id", x => x.unit_id, "units", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_assessment_appeals_unit_id", "assessment_appeals", "unit_id");
        migrationBuilder.CreateIndex("ix_assessment_appeals_unit_path", "assessment_appeals", "unit_path").Annotation("Npgsql:IndexOperators", MigrationExtensions.TextPatternOps);
        migrationBuilder.CreateIndex("ix_assessment_appeals_work_order_id_unit_id", "assessment_appeals", ["work_order_id", "unit_id"]);
        migrationBuilder.CreateIndex("ix_assessment_appeals_state", "assessment_appeals", "state");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("assessment_appeals");
        migrationBuilder.DropTable("assessment_rule_versions");
        migrationBuilder.DropTable("assessment_rollups");
        migrationBuilder.DropTable("assessment_facts");
    }

    /// <summary>
    /// The measures as they were when this migration was written (a migration never reads the model's current list: a measure
    /// added later is a column added by a later migration, M0063).
    /// </summary>
    private static readonly string[] Measures =
    [
        "Registered", "Held", "Assessed", "OnTimeNum", "OnTimeDen", "SignNum", "SignDen", "ReturnNum", "ReturnDen", "LateReturnNum", "RedoNum",
        "RedoDen", "ExtensionNum", "ExtensionDen", "ProcessNum", "ProcessDen", "ResultNum", "ResultDen", "RepeatNum", "ResponseNum", "ResponseDen",
        "SolveNum", "SolveDen", "SatisfiedNum", "SatisfiedDen", "ExcludedInvalid", "ExcludedDuplicate", "ExcludedUnreasonable", "ExcludedExempt",
        "ExcludedAppealed",
    ];

    private static CreateTableOperation MeasureTable(string name, string[] key, AddColumnOperation[] columns)
    {
        var table = new CreateTableOperation { Name = name, PrimaryKey = new AddPrimaryKeyOperation { Name = "pk_" + name, Table = name, Columns = key } };
        foreach (var column in columns.Concat(Measures.Select(n => Column(HotlineDbContext.ToSnakeCase(n), typeof(int)))))
        {
            column.Table = name;
            table.Columns.Add(column);
        }

        return table;
    }

    private static AddColumnOperation Column(string name, Type type, int? maxLength = null, bool nullable = false) =>
        new() { Name = name, ClrType = type, MaxLength = maxLength, IsNullable = nullable };
}
