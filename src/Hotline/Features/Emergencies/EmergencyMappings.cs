using Hotline.Domain;
using Hotline.Domain.Emergencies;
using Hotline.Domain.WorkOrders;
using Hotline.Features.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.Emergencies;

/// <summary>The emergency's columns of a work order (issue 15), kept beside the capability: JSON like the order's other records.</summary>
internal sealed class WorkOrderEmergencyConfiguration : IEntityTypeConfiguration<WorkOrder>
{
    public void Configure(EntityTypeBuilder<WorkOrder> b)
    {
        b.ComplexProperty(w => w.Emergency, c => c.ToJson("emergency").Metadata.LimitText(
            (nameof(EmergencyRecord.RaisedBy), Limits.Name), (nameof(EmergencyRecord.Note), Limits.Reason), (nameof(EmergencyRecord.DutyTeamLeaderName), Limits.Name),
            (nameof(EmergencyRecord.DutySiteManagerName), Limits.Name), (nameof(EmergencyRecord.CheckedBy), Limits.Name), (nameof(EmergencyRecord.CheckNote), Limits.Reason)));
        b.ComplexCollection(w => w.EmergencyCalls, c => c.ToJson("emergency_calls").Metadata.LimitText(
            (nameof(EmergencyCallRecord.RecordedBy), Limits.Name), (nameof(EmergencyCallRecord.Department), Limits.LongName),
            (nameof(EmergencyCallRecord.Contact), Limits.ShortText), (nameof(EmergencyCallRecord.Agreed), Limits.Reason)));
        b.ComplexCollection(w => w.EmergencyReports, c => c.ToJson("emergency_reports").Metadata.LimitText(
            (nameof(EmergencyReportRecord.By), Limits.Name), (nameof(EmergencyReportRecord.Departments), Limits.ShortText), (nameof(EmergencyReportRecord.Text), Limits.ArticleBody)));
    }
}

internal sealed class DutyShiftConfiguration : IEntityTypeConfiguration<DutyShift>
{
    public void Configure(EntityTypeBuilder<DutyShift> b)
    {
        b.ToTable("duty_shifts");
        b.Ignore(d => d.Officers);
        b.Property(d => d.TeamLeaderName).HasMaxLength(Limits.Name);
        b.Property(d => d.SiteManagerName).HasMaxLength(Limits.Name);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.HasIndex(d => new { d.Date, d.Shift }).IsUnique();
    }
}

internal sealed class EmergencyPlanConfiguration : IEntityTypeConfiguration<EmergencyPlan>
{
    public void Configure(EntityTypeBuilder<EmergencyPlan> b)
    {
        b.ToTable("emergency_plans");
        b.Property(p => p.CategoryCode).HasMaxLength(Limits.Code);
        b.Property(p => p.Name).HasMaxLength(Limits.LongName);
        b.Property(p => p.LeadUnitName).HasMaxLength(Limits.LongName);
        b.Property(p => p.LeadContact).HasMaxLength(Limits.ShortText);
        b.ComplexCollection(p => p.CoUnits, c => c.ToJson("co_units").Metadata.LimitText((nameof(EmergencyPlanUnit.UnitName), Limits.LongName), (nameof(EmergencyPlanUnit.Contact), Limits.ShortText)));
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<Domain.Organisation.Unit>().WithMany().HasForeignKey(p => p.LeadUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.CategoryCode).IsUnique();
    }
}
