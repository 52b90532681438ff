using System.Text;
using Hotline.Domain.Calendar;
using Hotline.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Hotline.Infrastructure.Data;

/// <summary>The write model. Table and column names are snake_case on both providers; migrations are hand-written.</summary>
public sealed class HotlineDbContext(DbContextOptions<HotlineDbContext> options) : DbContext(options)
{
    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<User> Users => Set<User>();

    public DbSet<CalendarYearRow> CalendarYears => Set<CalendarYearRow>();

    public DbSet<CalendarDayRow> CalendarDays => Set<CalendarDayRow>();

    public DbSet<DataProtectionKeyRow> DataProtectionKeys => Set<DataProtectionKeyRow>();

    /// <summary>PostgreSQL sequence handing out work-order ids in blocks of <see cref="WorkOrderIdBlock"/>.</summary>
    public const string WorkOrderIdSequence = "work_order_ids";

    public const int WorkOrderIdBlock = 10;

    /// <summary>Asked on every request; EF answers <c>ProviderName</c> from the provider's assembly name each time, so it is kept.</summary>
    public bool IsPostgres => _isPostgres ??= Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    private bool? _isPostgres;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        // Enums are stored by name: readable in SQL, and safe when members are added or reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    /// <summary>
    /// Each feature keeps its entities' mapping in an <see cref="IEntityTypeConfiguration{TEntity}"/> beside them;
    /// names become snake_case afterwards, so migrations spell them that way.
    /// </summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HotlineDbContext).Assembly);
        if (IsPostgres)
        {
            // Work-order ids come in blocks from a sequence, so an order and its first timeline entries are inserted in
            // one round trip instead of waiting for the order's identity value.
            modelBuilder.Entity<Domain.WorkOrders.WorkOrder>().Property(w => w.Id).UseHiLo(WorkOrderIdSequence);
        }

        ApplySnakeCaseNames(modelBuilder);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        TextLimitGuard.Check(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        TextLimitGuard.Check(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Makes <paramref name="expectedVersion"/> the version the update is conditional on, so that a client holding a
    /// stale copy gets a conflict even though this context loaded the current row.
    /// </summary>
    public void ExpectVersion<T>(T entity, long expectedVersion)
        where T : class
    {
        Entry(entity).Property<long>("Version").OriginalValue = expectedVersion;
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Modified && entry.Metadata.FindProperty("Version") is { } property)
            {
                var version = entry.Property(property.Name);
                version.CurrentValue = (long)version.OriginalValue! + 1;
            }
        }
    }

    private static void ApplySnakeCaseNames(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName() == property.Name)
                {
                    property.SetColumnName(ToSnakeCase(property.Name));
                }
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(ToSnakeCase(key.GetName()!));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(ToSnakeCase(foreignKey.GetConstraintName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(ToSnakeCase(index.GetDatabaseName()!));
            }
        }
    }

    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>Persistence shape of a published calendar year.</summary>
public sealed class CalendarYearRow
{
    public int Year { get; set; }

    public string Source { get; set; } = string.Empty;

    public DateTime UpdatedAtUtc { get; set; }

    public string? UpdatedBy { get; set; }

    public List<CalendarDayRow> Days { get; set; } = [];
}

/// <summary>Persistence shape of one holiday or make-up working day.</summary>
public sealed class CalendarDayRow
{
    public DateOnly Date { get; set; }

    public int Year { get; set; }

    public CalendarDayKind Kind { get; set; }

    public string Name { get; set; } = string.Empty;
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.ToTable("units");
        b.Property(u => u.Code).HasMaxLength(Unit.MaxCodeLength);
        b.Property(u => u.Name).HasMaxLength(Unit.MaxNameLength);
        b.Property(u => u.Path).HasMaxLength(Unit.MaxPathLength);
        b.Property(u => u.RegionCode).HasMaxLength(12);
        b.Property(u => u.Version).IsConcurrencyToken();
        b.HasIndex(u => u.Code).IsUnique();
        b.HasIndex(u => u.Path);
        b.HasIndex(u => u.ParentId);
        b.HasOne<Unit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.ComplexCollection(u => u.Liaisons, l => l.ToJson("liaisons"));
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.ToTable("users");
        b.Property(u => u.UserName).HasMaxLength(64);
        b.Property(u => u.DisplayName).HasMaxLength(50);
        b.Property(u => u.PasswordHash).HasMaxLength(256);
        b.Property(u => u.SecurityStamp).HasMaxLength(64);
        b.Property(u => u.Version).IsConcurrencyToken();
        b.HasIndex(u => u.UserName).IsUnique();
        b.HasIndex(u => u.UnitId);
        b.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(u => u.Roles).WithOne().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(u => u.RoleSet);
        b.Navigation(u => u.Roles).AutoInclude();
    }
}

internal sealed class UserRoleConfiguration : IEntityTypeConfiguration<UserRole>
{
    public void Configure(EntityTypeBuilder<UserRole> b)
    {
        b.ToTable("user_roles");
        b.HasKey(r => new { r.UserId, r.Role });
    }
}

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYearRow>
{
    public void Configure(EntityTypeBuilder<CalendarYearRow> b)
    {
        b.ToTable("calendar_years");
        b.HasKey(y => y.Year);
        b.Property(y => y.Year).ValueGeneratedNever();
        b.Property(y => y.Source).HasMaxLength(500);
        b.Property(y => y.UpdatedBy).HasMaxLength(64);
        b.HasMany(y => y.Days).WithOne().HasForeignKey(d => d.Year).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDayRow>
{
    public void Configure(EntityTypeBuilder<CalendarDayRow> b)
    {
        b.ToTable("calendar_days");
        b.HasKey(d => d.Date);
        b.Property(d => d.Kind).HasMaxLength(16);
        b.Property(d => d.Name).HasMaxLength(50);
        b.HasIndex(d => d.Year);
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKeyRow>
{
    public void Configure(EntityTypeBuilder<DataProtectionKeyRow> b)
    {
        b.ToTable("data_protection_keys");
        b.Property(k => k.FriendlyName).HasMaxLength(200);
    }
}
