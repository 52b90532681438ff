using Hotline.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// The mayor's mailbox and the interception of internet submissions (issue 18): a submission's letter title, consent to
/// publish and fingerprint (client address hash, normalised text hash); the intercepted submissions; the abusive-wording
/// list; the published letters.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0070_MayorMailbox")]
public sealed class M0070MayorMailbox : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("title", "citizen_submissions", maxLength: Limits.ShortText, nullable: true);
        migrationBuilder.AddColumn<bool>("consent_to_publish", "citizen_submissions", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<string>("address_key", "citizen_submissions", maxLength: 64, nullable: true);
        migrationBuilder.AddColumn<string>("text_hash", "citizen_submissions", maxLength: 64, nullable: true);
        migrationBuilder.CreateIndex("ix_citizen_submissions_address_key_submitted_at_utc", "citizen_submissions", ["address_key", "submitted_at_utc"]);
        migrationBuilder.CreateIndex("ix_citizen_submissions_text_hash", "citizen_submissions", "text_hash");

        migrationBuilder.CreateTable(
            name: "interceptions",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                rule = table.Column<string>(maxLength: 32, nullable: false),
                channel = table.Column<string>(maxLength: 32, nullable: false),
                masked_phone = table.Column<string>(maxLength: Limits.Phone, nullable: false),
                phone_key = table.Column<string>(maxLength: 64, nullable: false),
                address_key = table.Column<string>(maxLength: 64, nullable: false),
                evidence = table.Column<string>(maxLength: Limits.LongText, nullable: false),
                payload = table.Column<string>(maxLength: Limits.JsonText, nullable: false),
                intercepted_at_utc = table.Column<DateTime>(nullable: false),
                day = table.Column<DateOnly>(nullable: false),
                released_at_utc = table.Column<DateTime>(nullable: true),
                released_by_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                release_reason = table.Column<string>(maxLength: Limits.Reason, nullable: true),
                released_as = table.Column<string>(maxLength: 32, nullable: true),
                version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_interceptions", x => x.id));
        migrationBuilder.CreateIndex("ix_interceptions_day_rule", "interceptions", ["day", "rule"]);
        migrationBuilder.CreateIndex("ix_interceptions_intercepted_at_utc", "interceptions", "intercepted_at_utc");

        migrationBuilder.CreateTable(
            name: "interception_words",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                word = table.Column<string>(maxLength: Limits.Name, nullable: false),
                normalised = table.Column<string>(maxLength: Limits.Name, nullable: false),
                created_at_utc = table.Column<DateTime>(nullable: false),
                created_by_name = table.Column<string>(maxLength: Limits.Name, nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_interception_words", x => x.id));
        migrationBuilder.CreateIndex("ix_interception_words_normalised", "interception_words", "normalised", unique: true);
        foreach (var word in StarterWords)
        {
            // The starter words are already normalised (Chinese characters only); no model is at hand here, so plain SQL.
            migrationBuilder.Sql($"INSERT INTO interception_words (word, normalised, created_at_utc, created_by_name) VALUES ('{word}', '{word}', CURRENT_TIMESTAMP, '系统');");
        }

        migrationBuilder.CreateTable(
            name: "published_letters",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                submission_id = table.Column<long>(nullable: false),
                submission_number = table.Column<string>(maxLength: 32, nullable: false),
                work_order_id = table.Column<long>(nullable: false),
                category_code = table.Column<string>(maxLength: Limits.Code, nullable: false),
                title = table.Column<string>(maxLength: Limits.ShortText, nullable: false),
                letter = table.Column<string>(maxLength: Limits.LongText, nullable: false),
                reply = table.Column<string>(maxLength: Limits.LongText, nullable: false),
                written_at_utc = table.Column<DateTime>(nullable: false),
                replied_at_utc = table.Column<DateTime>(nullable: false),
                published_at_utc = table.Column<DateTime>(nullable: false),
                published_by_name = table.Column<string>(maxLength: Limits.Name, nullable: false),
                unpublished_at_utc = table.Column<DateTime>(nullable: true),
                unpublished_by_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_published_letters", x => x.id));
        migrationBuilder.CreateIndex("ix_published_letters_submission_id", "published_letters", "submission_id", unique: true);
        migrationBuilder.CreateIndex("ix_published_letters_published_at_utc", "published_letters", "published_at_utc");
    }

    /// <summary>A starter list of plain insults; administrators edit the list on the workbench.</summary>
    private static readonly string[] StarterWords = ["傻逼", "他妈的", "操你妈", "狗日的", "王八蛋", "去死吧", "贱人", "畜生"];

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("published_letters");
        migrationBuilder.DropTable("interception_words");
        migrationBuilder.DropTable("interceptions");
        migrationBuilder.DropIndex("ix_citizen_submissions_text_hash", "citizen_submissions");
        migrationBuilder.DropIndex("ix_citizen_submissions_address_key_submitted_at_utc", "citizen_submissions");
        migrationBuilder.DropColumn("text_hash", "citizen_submissions");
        migrationBuilder.DropColumn("address_key", "citizen_submissions");
        migrationBuilder.DropColumn("consent_to_publish", "citizen_submissions");
        migrationBuilder.DropColumn("title", "citizen_submissions");
    }
}
