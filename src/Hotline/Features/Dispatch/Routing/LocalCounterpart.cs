using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Features.Dispatch.Routing;

/// <summary>
/// "属地管理优先" for a city department (issue 14): when the catalogue names a department of the city government and the
/// request's place lies in a district (or county) that has a department of the same function, that district department
/// is the one to propose first. A department's function is the last segment of its unit code (市住建局 AL-ZJ and
/// 东城区住建局 AL-DC-ZJ are both "ZJ"): the code is what administrators already give every unit, it is unique, and it
/// does not change with a renamed unit (docs/decisions.md, issue 14 routing).
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
    public static async Task<Unit?> FindAsync(HotlineDbContext db, long cityDepartmentId, string? regionCode, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(regionCode))
        {
            return null;
        }

        var department = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == cityDepartmentId, ct);
        if (department is not { Kind: UnitKind.Department, ParentId: { } parentId }
            || !await db.Units.AnyAsync(u => u.Id == parentId && u.Kind == UnitKind.City, ct))
        {
            return null;
        }

        var district = (await db.Units.AsNoTracking()
                .Where(u => u.IsActive && u.Kind == UnitKind.District && u.RegionCode != null && regionCode.StartsWith(u.RegionCode))
                .ToListAsync(ct))
            .OrderByDescending(u => u.RegionCode!.Length)
            .FirstOrDefault();
        if (district is null)
        {
            return null;
        }

        var function = FunctionOf(department.Code);
        var departments = await db.Units.AsNoTracking().Where(u => u.ParentId == district.Id && u.Kind == UnitKind.Department && u.IsActive).ToListAsync(ct);
        return departments.Where(u => FunctionOf(u.Code) == function).OrderBy(u => u.Id).FirstOrDefault();
    }
}
