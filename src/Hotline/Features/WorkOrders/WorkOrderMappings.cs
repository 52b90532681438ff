using System.Text.Json;
using Hotline.Domain;
using Hotline.Domain.Dispatch;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.WorkOrders;

internal sealed class WorkOrderConfiguration : IEntityTypeConfiguration<WorkOrder>
{
    public void Configure(EntityTypeBuilder<WorkOrder> b)
    {
        b.ToTable("work_orders");
        // Columns added to existing tables by migrations 0051-0052 carry the default the rows were filled with.
        b.Property(w => w.Hops).HasDefaultValue(0);
        b.Property(w => w.ProgressReminded).HasDefaultValue(false);
        b.Property(w => w.CitizenWantsCallback).HasDefaultValue(false);
        b.Property(w => w.CallbackUnitFailedToAct).HasDefaultValue(false);
        b.Property(w => w.Number).HasMaxLength(32);
        b.Property(w => w.CategoryCode).HasMaxLength(12);
        b.Property(w => w.Subject).HasMaxLength(200);
        b.Property(w => w.Events).HasMaxLength(4000);
        b.Property(w => w.Demand).HasMaxLength(2000);
        b.Property(w => w.SuggestedHandling).HasMaxLength(2000);
        b.Property(w => w.PartyInvolved).HasMaxLength(200);
        b.Property(w => w.RecordingId).HasMaxLength(100);
        b.Property(w => w.ProvincialReference).HasMaxLength(64);
        b.Property(w => w.RegisteredByName).HasMaxLength(50);
        b.Property(w => w.PartyAddress).HasMaxLength(Limits.ShortText); // issue 15, intake (S3)
        b.Property(w => w.OneGoNotice).HasMaxLength(Limits.MediumText);
        b.HasUnitReference(w => w.LeadUnitPath, w => w.LeadUnitName);
        b.Property(w => w.Version).IsConcurrencyToken();
        b.Property(w => w.CallerName).HasMaxLength(50);
        b.Property(w => w.CallerPhone).HasMaxLength(30);
        b.Property(w => w.RegionCode).HasMaxLength(12);
        b.Property(w => w.Street).HasMaxLength(100);
        b.Property(w => w.Address).HasMaxLength(200);
        b.Ignore(w => w.Caller);
        b.Ignore(w => w.Location);
        // The records kept in JSON columns declare their text limits too: the check before every save holds them to it.
        b.ComplexProperty(w => w.Resolution, c => c.ToJson("resolution").Metadata.LimitText((nameof(IntakeResolution.Answer), Limits.LongText), (nameof(IntakeResolution.ThreeWayUnitName), Limits.LongName), (nameof(IntakeResolution.ThreeWayResult), Limits.LongText), (nameof(IntakeResolution.Note), Limits.Reason), (nameof(IntakeResolution.CentreAction), Limits.LongText)));
        b.ComplexProperty(w => w.LastSendBack, c => c.ToJson("last_send_back").Metadata.LimitText((nameof(SendBackRecord.By), Limits.Name), (nameof(SendBackRecord.Note), Limits.Reason)));
        b.ComplexCollection(w => w.Attachments, c => c.ToJson("attachments").Metadata.LimitText((nameof(Attachment.Name), Limits.ShortText), (nameof(Attachment.ContentType), Limits.LongName), (nameof(Attachment.StorageKey), Limits.StorageKey)));
        b.ComplexCollection(w => w.Returns, c => c.ToJson("returns").Metadata.LimitText((nameof(ReturnRecord.UnitName), Limits.LongName), (nameof(ReturnRecord.Reason), Limits.Reason), (nameof(ReturnRecord.Basis), Limits.Reason), (nameof(ReturnRecord.DecidedBy), Limits.Name), (nameof(ReturnRecord.Decision), Limits.Reason)));
        b.ComplexCollection(w => w.Extensions, c => c.ToJson("extensions").Metadata.LimitText((nameof(ExtensionRecord.RequestedBy), Limits.Name), (nameof(ExtensionRecord.Reason), Limits.Reason), (nameof(ExtensionRecord.DecidedBy), Limits.Name), (nameof(ExtensionRecord.Decision), Limits.Reason)));
        b.ComplexCollection(w => w.ProgressReports, c => c.ToJson("progress_reports").Metadata.LimitText((nameof(ProgressReportRecord.By), Limits.Name), (nameof(ProgressReportRecord.Text), Limits.LongText)));
        b.ComplexCollection(w => w.CoReplies, c => c.ToJson("co_replies").Metadata.LimitText((nameof(CoReplyRecord.UnitName), Limits.LongName), (nameof(CoReplyRecord.By), Limits.Name), (nameof(CoReplyRecord.Text), Limits.LongText)));
        b.ComplexCollection(w => w.Replies, c => c.ToJson("replies").Metadata.LimitText((nameof(ReplyRecord.By), Limits.Name), (nameof(ReplyRecord.Result), Limits.LongText), (nameof(ReplyRecord.UnresolvedReason), Limits.Reason)));
        b.ComplexCollection(w => w.Callbacks, c => c.ToJson("callbacks").Metadata.LimitText((nameof(CallbackAttempt.By), Limits.Name), (nameof(CallbackAttempt.Comment), Limits.Reason)));
        b.ComplexCollection(w => w.Reminders, c => c.ToJson("reminders").Metadata.LimitText((nameof(Reminder.By), Limits.Name), (nameof(Reminder.UnitName), Limits.LongName), (nameof(Reminder.Text), Limits.LongText)));
        // issue 15, hard cases and disputes
        b.Property(w => w.HardCaseLevel).HasConversion<string>().HasMaxLength(32);
        b.ComplexCollection(w => w.HardCaseSteps, c => c.ToJson("hard_case_steps").Metadata.LimitText((nameof(HardCaseStep.By), Limits.Name), (nameof(HardCaseStep.Reason), Limits.Reason)));
        b.ComplexCollection(w => w.Consultations, c => c.ToJson("consultations").Metadata.LimitText((nameof(Consultation.By), Limits.Name), (nameof(Consultation.Units), Limits.LongText), (nameof(Consultation.Outcome), Limits.LongText), (nameof(Consultation.LeadUnit), Limits.LongName)));
        b.ComplexCollection(w => w.Arbitrations, c => c.ToJson("arbitrations").Metadata.LimitText((nameof(ArbitrationRecord.RequestedBy), Limits.Name), (nameof(ArbitrationRecord.UnitName), Limits.LongName), (nameof(ArbitrationRecord.Reason), Limits.Reason), (nameof(ArbitrationRecord.DecidedBy), Limits.Name), (nameof(ArbitrationRecord.DecidedUnitName), Limits.LongName), (nameof(ArbitrationRecord.Decision), Limits.LongText)));
        b.ComplexCollection(w => w.Coordinations, c => c.ToJson("coordinations").Metadata.LimitText((nameof(CoordinationRecord.By), Limits.Name), (nameof(CoordinationRecord.UnitName), Limits.LongName), (nameof(CoordinationRecord.GovernmentName), Limits.LongName), (nameof(CoordinationRecord.Matter), Limits.LongText), (nameof(CoordinationRecord.ResultBy), Limits.Name), (nameof(CoordinationRecord.Result), Limits.LongText)));
        b.ComplexProperty(w => w.Lateness, c => c.ToJson("lateness").Metadata.LimitText((nameof(LatenessRecord.ExplainedBy), Limits.Name), (nameof(LatenessRecord.Reason), Limits.Reason), (nameof(LatenessRecord.JudgedBy), Limits.Name), (nameof(LatenessRecord.Note), Limits.Reason)));
        b.Property(w => w.CitizenAnswer).HasMaxLength(Limits.LongText);
        b.Property(w => w.ArbitrationCount).HasDefaultValue(0); // the defaults the migration gives existing rows
        b.Property(w => w.LateWithoutGoodReason).HasDefaultValue(false);
        b.Ignore(w => w.AnswerToCitizen);
        b.HasIndex(w => new { w.Status, w.HardCaseLevel });
        b.HasIndex(w => w.ArbitrationCount);
        b.HasMany(w => w.CoUnits).WithOne().HasForeignKey(c => c.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(w => w.CoUnits).AutoInclude();
        b.Ignore(w => w.PendingEvents);
        b.Ignore(w => w.CurrentReply);
        b.Ignore(w => w.PendingExtension);
        b.Ignore(w => w.IsFromProvince);
        b.Ignore(w => w.Deadlines);

        b.HasIndex(w => w.Number).IsUnique();
        b.HasIndex(w => new { w.Status, w.DispatchDueUtc });
        b.HasIndex(w => new { w.Status, w.CallbackDueUtc });
        b.HasIndex(w => w.NextClockCheckUtc);
        b.HasIndex(w => w.HandlingDueUtc);
        b.HasIndex(w => w.RegisteredAtUtc);
        b.HasIndex(w => w.CallerPhone);
        b.HasIndex(w => w.RegionCode).HasOperators("text_pattern_ops");
    }
}

/// <summary>The text limits of a record kept in a JSON column (its builder takes property names, not expressions).</summary>
internal static class ComplexTextLimits
{
    public static void LimitText(this Microsoft.EntityFrameworkCore.Metadata.IMutableComplexProperty complex, params (string Property, int MaxLength)[] limits)
    {
        foreach (var (property, maxLength) in limits)
        {
            (complex.ComplexType.FindProperty(property) ?? throw new InvalidOperationException($"{complex.Name} has no property {property}")).SetMaxLength(maxLength);
        }
    }
}

internal sealed class CoUnitConfiguration : IEntityTypeConfiguration<CoUnit>
{
    public void Configure(EntityTypeBuilder<CoUnit> b)
    {
        b.ToTable("work_order_co_units");
        b.HasKey(c => new { c.WorkOrderId, c.UnitId });
        b.HasUnitReference(c => c.UnitPath, c => c.UnitName);
    }
}

internal sealed class WorkOrderEventConfiguration : IEntityTypeConfiguration<WorkOrderEvent>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<WorkOrderEvent> b)
    {
        b.ToTable("work_order_events");
        b.Property(e => e.ActorName).HasMaxLength(50);
        b.Property(e => e.ActorRoles).HasMaxLength(200);
        b.Property(e => e.ActorUnitName).HasMaxLength(100);
        b.Property(e => e.Reason).HasMaxLength(4000);
        b.Property(e => e.Details).AsJsonText();
        b.Property(e => e.CoUnitIds).HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<long[]>(v, Json),
            new ValueComparer<long[]?>((a, c) => a == null ? c == null : c != null && a.SequenceEqual(c), v => v == null ? 0 : v.Length, v => v == null ? null : v.ToArray()));
        b.HasOne(e => e.Order).WithMany().HasForeignKey(e => e.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.WorkOrderId, e.Id });
        b.HasIndex(e => new { e.Action, e.AtUtc });
    }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> b)
    {
        b.ToTable("categories");
        b.HasKey(c => c.Code);
        b.Property(c => c.Code).HasMaxLength(12);
        b.Property(c => c.Name).HasMaxLength(50);
        b.Property(c => c.ParentCode).HasMaxLength(12);
        b.Property(c => c.Synonyms).AsCommaList(Limits.Synonyms).HasDefaultValueSql("''");
        b.Property(c => c.IsEmergency).HasDefaultValue(false);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => c.ParentCode);
    }
}

internal sealed class DispatchCatalogueEntryConfiguration : IEntityTypeConfiguration<DispatchCatalogueEntry>
{
    public void Configure(EntityTypeBuilder<DispatchCatalogueEntry> b)
    {
        b.ToTable("dispatch_catalogue_entries");
        b.Property(c => c.CategoryCode).HasMaxLength(12);
        b.Property(c => c.RegionCode).HasMaxLength(12);
        b.Property(c => c.Note).HasMaxLength(200);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<Domain.Organisation.Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.CategoryCode, c.RegionCode });
        b.HasIndex(c => c.UnitId);
    }
}

internal sealed class DeadlineRuleConfiguration : IEntityTypeConfiguration<DeadlineRule>
{
    public void Configure(EntityTypeBuilder<DeadlineRule> b)
    {
        b.ToTable("deadline_rules");
        b.Property(r => r.CategoryCode).HasMaxLength(12);
        b.Property(r => r.Version).IsConcurrencyToken();
    }
}

/// <summary>Hands out blocks of work-order sequence numbers per local day (see <see cref="WorkOrderNumbers"/>).</summary>
public sealed class WorkOrderCounter
{
    public string Day { get; set; } = string.Empty;

    public long NextValue { get; set; }
}

internal sealed class WorkOrderCounterConfiguration : IEntityTypeConfiguration<WorkOrderCounter>
{
    public void Configure(EntityTypeBuilder<WorkOrderCounter> b)
    {
        b.ToTable("work_order_counters");
        b.HasKey(c => c.Day);
        b.Property(c => c.Day).HasMaxLength(8);
    }
}
