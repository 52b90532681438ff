using System.Text.Json;
using System.Text.Json.Serialization;
using Hotline.Domain.Knowledge;
using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.Knowledge;

internal sealed class KnowledgeArticleConfiguration : IEntityTypeConfiguration<KnowledgeArticle>
{
    public void Configure(EntityTypeBuilder<KnowledgeArticle> b)
    {
        b.ToTable("knowledge_articles");
        b.Property(a => a.Title).HasMaxLength(KnowledgeContent.MaxTitleLength);
        b.Property(a => a.Category).HasMaxLength(KnowledgeContent.MaxCategoryLength);
        b.Property(a => a.Body).HasMaxLength(KnowledgeContent.MaxBodyLength);
        b.Property(a => a.RegionCodes).AsCommaList(700);
        b.Property(a => a.Keywords).AsCommaList(500);
        b.Property(a => a.CreatedByName).HasMaxLength(100);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Ignore(a => a.Content);
        b.Ignore(a => a.IsLive);
        b.HasOne<Unit>().WithMany().HasForeignKey(a => a.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Events).WithOne().HasForeignKey(e => e.ArticleId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => a.OwnerUnitId);
        b.HasIndex(a => a.Status);
        b.HasIndex(a => a.LiveExpiresAtUtc);
    }
}

internal sealed class KnowledgeArticleEventConfiguration : IEntityTypeConfiguration<KnowledgeArticleEvent>
{
    public void Configure(EntityTypeBuilder<KnowledgeArticleEvent> b)
    {
        b.ToTable("knowledge_article_events");
        b.Property(e => e.ActorName).HasMaxLength(100);
        b.Property(e => e.Note).HasMaxLength(600);
        b.Property(e => e.ChangedFields).HasMaxLength(200);
        b.HasIndex(e => e.ArticleId);
    }
}

internal sealed class KnowledgeArticleVersionConfiguration : IEntityTypeConfiguration<KnowledgeArticleVersion>
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public void Configure(EntityTypeBuilder<KnowledgeArticleVersion> b)
    {
        b.ToTable("knowledge_article_versions");
        b.Property(v => v.Content).HasConversion(
            c => JsonSerializer.Serialize(c, Json),
            s => JsonSerializer.Deserialize<KnowledgeContent>(s, Json)!,
            new ValueComparer<KnowledgeContent>((x, y) => ReferenceEquals(x, y), c => c.GetHashCode(), c => c));
        b.Property(v => v.ChangedFields).HasMaxLength(200);
        b.Property(v => v.Note).HasMaxLength(500);
        b.Property(v => v.ApprovedByName).HasMaxLength(100);
        b.HasOne<KnowledgeArticle>().WithMany().HasForeignKey(v => v.ArticleId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(v => new { v.ArticleId, v.Number }).IsUnique();
    }
}

internal sealed class KnowledgeErrorReportConfiguration : IEntityTypeConfiguration<KnowledgeErrorReport>
{
    public void Configure(EntityTypeBuilder<KnowledgeErrorReport> b)
    {
        b.ToTable("knowledge_error_reports");
        b.Property(r => r.Text).HasMaxLength(KnowledgeErrorReport.MaxTextLength);
        b.Property(r => r.ReportedByName).HasMaxLength(100);
        b.Property(r => r.ResolutionNote).HasMaxLength(500);
        b.Property(r => r.ResolvedByName).HasMaxLength(100);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne<KnowledgeArticle>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(r => r.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.ArticleId);
        b.HasIndex(r => new { r.OwnerUnitId, r.Status });
    }
}

internal sealed class KnowledgeExpiryWarningConfiguration : IEntityTypeConfiguration<KnowledgeExpiryWarning>
{
    public void Configure(EntityTypeBuilder<KnowledgeExpiryWarning> b)
    {
        b.ToTable("knowledge_expiry_warnings");
        b.HasOne<KnowledgeArticle>().WithMany().HasForeignKey(w => w.ArticleId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(w => new { w.ArticleId, w.ExpiresAtUtc }).IsUnique();
        b.HasIndex(w => w.OwnerUnitId);
    }
}

internal sealed class KnowledgeUsageConfiguration : IEntityTypeConfiguration<KnowledgeUsage>
{
    public void Configure(EntityTypeBuilder<KnowledgeUsage> b)
    {
        b.ToTable("knowledge_usages");
        b.HasOne<KnowledgeArticle>().WithMany().HasForeignKey(u => u.ArticleId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(u => u.ArticleId);
    }
}
