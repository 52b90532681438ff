using Hotline.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>S1, 热线归并: the register of former hotline numbers merged into 12345 (<c>merged_hotlines</c>, one row per number).</summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0081_MergedHotlines")]
public sealed class M0081MergedHotlines : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "merged_hotlines",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                number = table.Column<string>(maxLength: 20, nullable: false),
                name = table.Column<string>(maxLength: Limits.LongName, nullable: false),
                owner_unit_id = table.Column<long>(nullable: false),
                owner_unit_name = table.Column<string>(maxLength: 100, nullable: false),
                owner_level = table.Column<string>(maxLength: 32, nullable: false),
                mode = table.Column<string>(maxLength: 32, nullable: false),
                state = table.Column<string>(maxLength: 32, nullable: false),
                since = table.Column<DateOnly>(nullable: false),
                until = table.Column<DateOnly>(nullable: true),
                sub_centre_unit_id = table.Column<long>(nullable: true),
                ended_on = table.Column<DateOnly>(nullable: true),
                version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_merged_hotlines", x => x.id);
                table.ForeignKey("fk_merged_hotlines_units_owner_unit_id", x => x.owner_unit_id, "units", "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_merged_hotlines_units_sub_centre_unit_id", x => x.sub_centre_unit_id, "units", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_merged_hotlines_number", "merged_hotlines", "number", unique: true);
        migrationBuilder.CreateIndex("ix_merged_hotlines_owner_unit_id", "merged_hotlines", "owner_unit_id");
        migrationBuilder.CreateIndex("ix_merged_hotlines_sub_centre_unit_id", "merged_hotlines", "sub_centre_unit_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("merged_hotlines");
}
