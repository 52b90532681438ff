using Hotline.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// The citizens' own channels (issue 18): one-time codes (hashed, beside the phone's hash), the channels' API keys
/// (hashed), and the citizens' submissions waiting in the online intake queue.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0067_CitizenChannels")]
public sealed class M0067CitizenChannels : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "citizen_codes",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                phone_key = table.Column<string>(maxLength: 64, nullable: false),
                purpose = table.Column<string>(maxLength: 32, nullable: false),
                salt = table.Column<string>(maxLength: 32, nullable: false),
                code_hash = table.Column<string>(maxLength: 64, nullable: false),
                client_address = table.Column<string>(maxLength: 64, nullable: false),
                created_at_utc = table.Column<DateTime>(nullable: false),
                expires_at_utc = table.Column<DateTime>(nullable: false),
                failed_tries = table.Column<int>(nullable: false),
                used_at_utc = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_citizen_codes", x => x.id));
        migrationBuilder.CreateIndex("ix_citizen_codes_phone_key_created_at_utc", "citizen_codes", ["phone_key", "created_at_utc"]);
        migrationBuilder.CreateIndex("ix_citizen_codes_client_address_created_at_utc", "citizen_codes", ["client_address", "created_at_utc"]);
        migrationBuilder.CreateIndex("ix_citizen_codes_expires_at_utc", "citizen_codes", "expires_at_utc");

        migrationBuilder.CreateTable(
            name: "channel_keys",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                name = table.Column<string>(maxLength: Limits.Name, nullable: false),
                channel = table.Column<string>(maxLength: 32, nullable: false),
                key_hash = table.Column<string>(maxLength: 64, nullable: false),
                key_prefix = table.Column<string>(maxLength: 16, nullable: false),
                previous_key_hash = table.Column<string>(maxLength: 64, nullable: true),
                previous_valid_until_utc = table.Column<DateTime>(nullable: true),
                created_at_utc = table.Column<DateTime>(nullable: false),
                created_by_name = table.Column<string>(maxLength: Limits.Name, nullable: false),
                rotated_at_utc = table.Column<DateTime>(nullable: true),
                revoked_at_utc = table.Column<DateTime>(nullable: true),
                revoked_by_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_channel_keys", x => x.id));
        migrationBuilder.CreateIndex("ix_channel_keys_key_hash", "channel_keys", "key_hash", unique: true);
        migrationBuilder.CreateIndex("ix_channel_keys_previous_key_hash", "channel_keys", "previous_key_hash");

        migrationBuilder.CreateTable(
            name: "citizen_submissions",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                number = table.Column<string>(maxLength: 32, nullable: false),
                channel = table.Column<string>(maxLength: 32, nullable: false),
                channel_key_id = table.Column<long>(nullable: true),
                phone = table.Column<string>(maxLength: Limits.Phone, nullable: false),
                phone_key = table.Column<string>(maxLength: 64, nullable: false),
                citizen_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                request_type = table.Column<string>(maxLength: 32, nullable: false),
                category_code = table.Column<string>(maxLength: Limits.Code, nullable: false),
                region_code = table.Column<string>(maxLength: Limits.Code, nullable: false),
                address = table.Column<string>(maxLength: Limits.ShortText, nullable: false),
                latitude = table.Column<double>(nullable: true),
                longitude = table.Column<double>(nullable: true),
                description = table.Column<string>(maxLength: Limits.LongText, nullable: false),
                demand = table.Column<string>(maxLength: Limits.MediumText, nullable: true),
                is_anonymous = table.Column<bool>(nullable: false),
                is_confidential = table.Column<bool>(nullable: false),
                state = table.Column<string>(maxLength: 32, nullable: false),
                submitted_at_utc = table.Column<DateTime>(nullable: false),
                decided_at_utc = table.Column<DateTime>(nullable: true),
                decided_by_user_id = table.Column<long>(nullable: true),
                decided_by_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                refusal_reason = table.Column<string>(maxLength: 32, nullable: true),
                refusal_message = table.Column<string>(maxLength: Limits.Reason, nullable: true),
                work_order_id = table.Column<long>(nullable: true),
                work_order_number = table.Column<string>(maxLength: 32, nullable: true),
                version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_citizen_submissions", x => x.id));
        migrationBuilder.CreateIndex("ix_citizen_submissions_number", "citizen_submissions", "number", unique: true);
        migrationBuilder.CreateIndex("ix_citizen_submissions_phone_key", "citizen_submissions", "phone_key");
        migrationBuilder.CreateIndex("ix_citizen_submissions_state_submitted_at_utc", "citizen_submissions", ["state", "submitted_at_utc"]);
        migrationBuilder.CreateIndex("ix_citizen_submissions_work_order_id", "citizen_submissions", "work_order_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("citizen_submissions");
        migrationBuilder.DropTable("channel_keys");
        migrationBuilder.DropTable("citizen_codes");
    }
}
