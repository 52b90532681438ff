using System.Globalization;
using Hotline.Text.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.WorkOrders.Entities;

/// <summary>
/// What the orders' stored entities were read with (one row, <c>entity_readings</c>): the extractor's
/// <see cref="EntityExtractor.RulesVersion"/> and the fingerprint of its dictionary (the active units and the centre's
/// file). When the reading a server would make now differs, <see cref="EntityRereadJob"/> reads every order again and
/// records the new one; <see cref="Pending"/> and <see cref="AfterId"/> let an interrupted run go on where it stopped.
/// </summary>
public sealed class EntityReading
{
    /// <summary>The one row's key.</summary>
    public const int Key = 1;

    /// <summary>The longest marker (<see cref="MarkerOf"/> writes 31 characters while the version has one digit).</summary>
    public const int MaxMarker = 64;

    /// <summary>No reading known (the row before its first complete run): every order is read again.</summary>
    public const string Unknown = "";

    public int Id { get; set; } = Key;

    /// <summary>The reading every stored entity agrees with; <see cref="Unknown"/> before the first complete run.</summary>
    public string Reading { get; set; } = Unknown;

    /// <summary>The reading a run in progress is applying, or null.</summary>
    public string? Pending { get; set; }

    /// <summary>The last order id the run in progress has read again.</summary>
    public long AfterId { get; set; }

    /// <summary>When <see cref="Reading"/> was recorded.</summary>
    public DateTime? ReadAtUtc { get; set; }

    /// <summary>"rules 1; names 0123456789abcdef": the rules' version and the dictionary's fingerprint.</summary>
    public static string MarkerOf(IEnumerable<EntityDictionaryEntry> entries) =>
        string.Create(CultureInfo.InvariantCulture, $"rules {EntityExtractor.RulesVersion}; names {EntityNames.Fingerprint(entries):x16}");
}

internal sealed class EntityReadingConfiguration : IEntityTypeConfiguration<EntityReading>
{
    public void Configure(EntityTypeBuilder<EntityReading> b)
    {
        b.ToTable("entity_readings");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Reading).HasMaxLength(EntityReading.MaxMarker);
        b.Property(r => r.Pending).HasMaxLength(EntityReading.MaxMarker);
    }
}
