using Hotline.Domain;
using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Organisation;

public sealed record UnitDto(long Id, string Code, string Name, UnitKind Kind, long? ParentId, string Path, int Depth, string? RegionCode, bool IsActive, IReadOnlyList<Liaison> Liaisons, long Version)
{
    public static UnitDto From(Unit u) => new(u.Id, u.Code, u.Name, u.Kind, u.ParentId, u.Path, u.Depth, u.RegionCode, u.IsActive, u.Liaisons, u.Version);
}

/// <summary>A unit as every member of staff may see it across the platform: name and place in the tree, no contacts.</summary>
public sealed record UnitDirectoryEntry(long Id, string Code, string Name, UnitKind Kind, long? ParentId, string Path, int Depth, string? RegionCode);

public sealed record CreateUnitRequest([property: MaxLength(Unit.MaxCodeLength)] string? Code, [property: MaxLength(Unit.MaxNameLength)] string? Name, UnitKind? Kind, long? ParentId, [property: MaxLength(Limits.Code)] string? RegionCode, [property: MaxLength(Limits.Items)] IReadOnlyList<Liaison>? Liaisons);

public sealed record UpdateUnitRequest([property: MaxLength(Unit.MaxNameLength)] string? Name, long? ParentId, [property: MaxLength(Limits.Code)] string? RegionCode, bool? IsActive, [property: MaxLength(Limits.Items)] IReadOnlyList<Liaison>? Liaisons, long? Version);

/// <summary>The unit tree (S1). Staff read the part of the tree their scope covers; administrators change it.</summary>
public static class UnitEndpoints
{
    public static IEndpointRouteBuilder MapUnits(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/units").WithTags("Organisation");
        group.MapGet("/", List).RequireAuthorization(Policies.Staff);
        group.MapGet("/{id:long}", Get).RequireAuthorization(Policies.Staff);
        group.MapGet("/directory", Directory).RequireAuthorization(Policies.Staff);
        group.MapPost("/", Create).RequireAuthorization(Policies.AdministerOrganisation);
        group.MapPut("/{id:long}", Update).RequireAuthorization(Policies.AdministerOrganisation);
        return app;
    }

    private static async Task<Ok<List<UnitDto>>> List(CurrentUser user, HotlineDbContext db, bool? includeInactive, CancellationToken ct)
    {
        var scope = user.Scope.Path;
        var query = db.Units.AsNoTracking().Where(u => u.Path.StartsWith(scope));
        if (includeInactive != true)
        {
            query = query.Where(u => u.IsActive);
        }

        var units = await query.OrderBy(u => u.Path).ToListAsync(ct);
        return TypedResults.Ok(units.Select(UnitDto.From).ToList());
    }

    /// <summary>
    /// Every active unit of the platform, for choosing where an order goes: a unit suggesting the right unit on a return,
    /// a dispatcher choosing lead and co-units. The tree and names of government units are public; liaisons are not listed.
    /// </summary>
    private static async Task<Ok<List<UnitDirectoryEntry>>> Directory(HotlineDbContext db, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.Path)
            .Select(u => new UnitDirectoryEntry(u.Id, u.Code, u.Name, u.Kind, u.ParentId, u.Path, u.Depth, u.RegionCode))
            .ToListAsync(ct);
        return TypedResults.Ok(units);
    }

    private static async Task<Ok<UnitDto>> Get(long id, CurrentUser user, HotlineDbContext db, CancellationToken ct)
    {
        var unit = await UnitLookup.FindInScopeAsync(db, id, user, ct);
        return TypedResults.Ok(UnitDto.From(unit));
    }

    private static async Task<Created<UnitDto>> Create(CreateUnitRequest request, HotlineDbContext db, CancellationToken ct)
    {
        if (request.Kind is null)
        {
            throw ValidationException.For("kind", "Give the kind of unit.");
        }

        Unit? parent = null;
        if (request.ParentId is { } parentId)
        {
            parent = await db.Units.SingleOrDefaultAsync(u => u.Id == parentId, ct) ?? throw ValidationException.For("parentId", "No such unit.");
        }

        var unit = Unit.Create(request.Code ?? string.Empty, request.Name ?? string.Empty, request.Kind.Value, parent, request.RegionCode, ValidLiaisons(request.Liaisons));
        if (await db.Units.AnyAsync(u => u.Code == unit.Code, ct))
        {
            throw new DomainException("unit.code_taken", $"Unit code {unit.Code} is already in use.");
        }

        db.Units.Add(unit);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/units/{unit.Id}", UnitDto.From(unit));
    }

    private static async Task<Ok<UnitDto>> Update(long id, UpdateUnitRequest request, CurrentUser user, HotlineDbContext db, UserDirectory directory, CancellationToken ct)
    {
        if (request.Version is null)
        {
            throw ValidationException.For("version", "Give the version you edited, so that a concurrent change is not overwritten.");
        }

        var unit = await UnitLookup.FindInScopeAsync(db, id, user, ct);
        db.ExpectVersion(unit, request.Version.Value);
        var isActive = request.IsActive ?? unit.IsActive;
        if (!isActive && unit.IsActive && await db.Units.AnyAsync(u => u.ParentId == unit.Id && u.IsActive, ct))
        {
            throw new DomainException("unit.has_active_children", "Deactivate the unit's active sub-units first.");
        }

        unit.Update(request.Name ?? unit.Name, request.RegionCode, isActive, ValidLiaisons(request.Liaisons));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (request.ParentId is { } parentId && parentId != unit.ParentId)
        {
            var parent = await db.Units.SingleOrDefaultAsync(u => u.Id == parentId, ct) ?? throw ValidationException.For("parentId", "No such unit.");
            var oldPath = unit.Path;
            unit.MoveUnder(parent);
            var descendants = await db.Units.Where(u => u.Path.StartsWith(oldPath) && u.Id != unit.Id).ToListAsync(ct);
            foreach (var descendant in descendants)
            {
                descendant.RebasePath(oldPath, unit.Path);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        directory.EvictAll();
        return TypedResults.Ok(UnitDto.From(unit));
    }

    private static List<Liaison>? ValidLiaisons(IReadOnlyList<Liaison>? liaisons)
    {
        if (liaisons is null)
        {
            return null;
        }

        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < liaisons.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(liaisons[i].Name) || liaisons[i].Name.Length > 50)
            {
                errors[$"liaisons[{i}].name"] = ["Give the liaison's name (at most 50 characters)."];
            }

            if (string.IsNullOrWhiteSpace(liaisons[i].Phone) || liaisons[i].Phone.Length > 30)
            {
                errors[$"liaisons[{i}].phone"] = ["Give the liaison's phone (at most 30 characters)."];
            }
        }

        return errors.Count > 0 ? throw new ValidationException(errors) : liaisons.ToList();
    }
}
