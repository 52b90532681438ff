using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Infrastructure.Timeline;

internal sealed class TimelineCursorConfiguration : IEntityTypeConfiguration<TimelineCursor>
{
    public void Configure(EntityTypeBuilder<TimelineCursor> b)
    {
        b.ToTable("timeline_cursors");
        b.HasKey(c => c.Name);
        b.Property(c => c.Name).HasMaxLength(50);
    }
}
