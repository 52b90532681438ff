using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Issue 19: an early warning records whether the run behind it compared its window with the previous one
/// (<c>compared</c>), so that a warning of a centre's first fortnight claims no growth. The warnings raised before
/// compared: they are set true once (the column is added as the other flags are, so that it matches the model).
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0079_EarlyWarningCompared")]
public sealed class M0079EarlyWarningCompared : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>(name: "compared", table: "early_warnings", nullable: false, defaultValue: false);
        migrationBuilder.Sql(migrationBuilder.IsPostgres() ? "UPDATE early_warnings SET compared = TRUE" : "UPDATE early_warnings SET compared = 1");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn("compared", "early_warnings");
}
