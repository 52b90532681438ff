using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Dispatch.Routing;

/// <summary>
/// "属地管理优先" for a city department (issue 14): when the catalogue or the routing model names a department of the city
/// government and the request's place lies in a district (or county) that has a department of the same function, that
/// district department is the one to propose first. A department's function is the last segment of its unit code
/// (市住建局 AL-ZJ and 东城区住建局 AL-DC-ZJ are both "ZJ"): the code is what administrators already give every unit, it is
/// unique, and it does not change with a renamed unit (docs/decisions.md, issue 14 routing).
/// </summary>
public static class LocalCounterpart
{
    /// <summary>A department's function code: the last hyphen-separated segment of its unit code.</summary>
    public static string FunctionOf(string unitCode) => unitCode[(unitCode.LastIndexOf('-') + 1)..];

    /// <summary>
    /// The catalogue's proposal as people see it (intake, dispatch): a city department's line is proposed as the district's
    /// department of the same function when there is one, with the basis "localCounterpart".
    /// </summary>
    public static async Task<DispatchProposal?> PreferLocalAsync(HotlineDbContext db, DispatchProposal? proposal, string? regionCode, CancellationToken ct) =>
        proposal is { Basis: "catalogue" } && await FindAsync(db, proposal.UnitId, regionCode, ct) is { } local
            ? proposal with { UnitId = local.Id, UnitName = local.Name, Basis = "localCounterpart" }
            : proposal;

    /// <summary>The active department of the same function under the district governing <paramref name="regionCode"/>; null when there is none.</summary>
    public static async Task<Unit?> FindAsync(HotlineDbContext db, long cityDepartmentId, string? regionCode, CancellationToken ct) =>
        (await FindAllAsync(db, [cityDepartmentId], regionCode, ct)).GetValueOrDefault(cityDepartmentId);

    /// <summary>
    /// For each of <paramref name="unitIds"/> that is a department of the city government: the active department of the
    /// same function under the district governing <paramref name="regionCode"/>. Units without one are left out. Three
    /// queries whatever the number of units (the model names up to ten).
    /// </summary>
    public static async Task<IReadOnlyDictionary<long, Unit>> FindAllAsync(HotlineDbContext db, IReadOnlyCollection<long> unitIds, string? regionCode, CancellationToken ct)
    {
        var found = new Dictionary<long, Unit>();
        if (string.IsNullOrWhiteSpace(regionCode) || unitIds.Count == 0)
        {
            return found;
        }

        var district = (await db.Units.AsNoTracking()
                .Where(u => u.IsActive && u.Kind == UnitKind.District && u.RegionCode != null && regionCode.StartsWith(u.RegionCode))
                .ToListAsync(ct))
            .OrderByDescending(u => u.RegionCode!.Length)
            .FirstOrDefault();
        if (district is null)
        {
            return found;
        }

        var cityDepartments = await db.Units.AsNoTracking()
            .Where(u => unitIds.Contains(u.Id) && u.Kind == UnitKind.Department && db.Units.Any(p => p.Id == u.ParentId && p.Kind == UnitKind.City))
            .ToListAsync(ct);
        if (cityDepartments.Count == 0)
        {
            return found;
        }

        var local = (await db.Units.AsNoTracking().Where(u => u.ParentId == district.Id && u.Kind == UnitKind.Department && u.IsActive).ToListAsync(ct))
            .OrderBy(u => u.Id)
            .ToList();
        foreach (var department in cityDepartments)
        {
            var function = FunctionOf(department.Code);
            if (local.FirstOrDefault(u => FunctionOf(u.Code) == function) is { } counterpart)
            {
                found[department.Id] = counterpart;
            }
        }

        return found;
    }
}
