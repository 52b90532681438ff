using Hotline.Domain;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>Online customer service (issue 18): the conversations (assistant, queue, agent, hand-over reason) and their transcripts.</summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0069_Chat")]
public sealed class M0069Chat : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "chat_conversations",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                state = table.Column<string>(maxLength: 32, nullable: false),
                started_at_utc = table.Column<DateTime>(nullable: false),
                last_activity_at_utc = table.Column<DateTime>(nullable: false),
                phone = table.Column<string>(maxLength: Limits.Phone, nullable: true),
                handover_reason = table.Column<string>(maxLength: 32, nullable: true),
                handover_at_utc = table.Column<DateTime>(nullable: true),
                queued_at_utc = table.Column<DateTime>(nullable: true),
                agent_user_id = table.Column<long>(nullable: true),
                agent_name = table.Column<string>(maxLength: Limits.Name, nullable: true),
                taken_at_utc = table.Column<DateTime>(nullable: true),
                closed_at_utc = table.Column<DateTime>(nullable: true),
                work_order_id = table.Column<long>(nullable: true),
                work_order_number = table.Column<string>(maxLength: 32, nullable: true),
                version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_chat_conversations", x => x.id));
        migrationBuilder.CreateIndex("ix_chat_conversations_state_queued_at_utc", "chat_conversations", ["state", "queued_at_utc"]);
        migrationBuilder.CreateIndex("ix_chat_conversations_started_at_utc", "chat_conversations", "started_at_utc");
        migrationBuilder.CreateIndex("ix_chat_conversations_work_order_id", "chat_conversations", "work_order_id");

        migrationBuilder.CreateTable(
            name: "chat_messages",
            columns: table => new
            {
                id = table.Column<long>(nullable: false).Identity(),
                conversation_id = table.Column<long>(nullable: false),
                sender = table.Column<string>(maxLength: 32, nullable: false),
                text = table.Column<string>(maxLength: Limits.MediumText, nullable: false),
                article_id = table.Column<long>(nullable: true),
                article_title = table.Column<string>(maxLength: Limits.ShortText, nullable: true),
                at_utc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_chat_messages", x => x.id));
        migrationBuilder.CreateIndex("ix_chat_messages_conversation_id_id", "chat_messages", ["conversation_id", "id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("chat_messages");
        migrationBuilder.DropTable("chat_conversations");
    }
}
