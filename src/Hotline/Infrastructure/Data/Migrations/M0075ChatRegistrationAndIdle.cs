using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hotline.Infrastructure.Data.Migrations;

/// <summary>
/// Online customer service finished (issue 18): a conversation records why it closed (the citizen, the agent, the idle
/// sweep), and an agent's claim before turning it into a work order, so that one conversation makes one order.
/// </summary>
[DbContext(typeof(HotlineDbContext))]
[Migration("0075_ChatRegistrationAndIdle")]
public sealed class M0075ChatRegistrationAndIdle : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "close_reason", table: "chat_conversations", maxLength: 32, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "registration_claimed_at_utc", table: "chat_conversations", nullable: true);
        migrationBuilder.CreateIndex("ix_chat_conversations_state_last_activity_at_utc", "chat_conversations", ["state", "last_activity_at_utc"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("ix_chat_conversations_state_last_activity_at_utc", "chat_conversations");
        migrationBuilder.DropColumn("registration_claimed_at_utc", "chat_conversations");
        migrationBuilder.DropColumn("close_reason", "chat_conversations");
    }
}
