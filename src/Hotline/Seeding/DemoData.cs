using Hotline.Domain.Organisation;
using Hotline.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Hotline.Seeding;

/// <summary>
/// The demo platform of the fictional city 安澜市: a unit tree over four levels and one account per role, all with
/// <see cref="DefaultPassword"/>. Outside Development the server refuses to start while any of these passwords remains.
/// </summary>
public static class DemoData
{
    public const string DefaultPassword = "Hotline@12345";

    /// <summary>(code, name, kind, parent code, region code).</summary>
    internal static readonly (string Code, string Name, UnitKind Kind, string? Parent, string? Region)[] Units =
    [
        ("AL", "安澜市人民政府", UnitKind.City, null, "990100"),
        ("AL-HC", "安澜市12345政务服务便民热线中心", UnitKind.HotlineCentre, "AL", "990100"),
        ("AL-ZJ", "市住房和城乡建设局", UnitKind.Department, "AL", "990100"),
        ("AL-HB", "市生态环境局", UnitKind.Department, "AL", "990100"),
        ("AL-JT", "市交通运输局", UnitKind.Department, "AL", "990100"),
        ("AL-JY", "市教育局", UnitKind.Department, "AL", "990100"),
        ("AL-RS", "市人力资源和社会保障局", UnitKind.Department, "AL", "990100"),
        ("AL-SW", "市商务局", UnitKind.Department, "AL", "990100"),
        ("AL-WJ", "市卫生健康委员会", UnitKind.Department, "AL", "990100"),
        ("AL-SJ", "市市场监督管理局", UnitKind.Department, "AL", "990100"),
        ("AL-SJ-12315", "12315消费者投诉举报分中心", UnitKind.SubCentre, "AL-SJ", "990100"),
        ("AL-SW-12366", "12366纳税缴费服务分中心", UnitKind.SubCentre, "AL", "990100"),
        ("AL-WATER", "安澜市自来水有限公司", UnitKind.Utility, "AL", "990100"),
        ("AL-POWER", "国网安澜供电公司", UnitKind.Utility, "AL", "990100"),
        ("AL-GAS", "安澜燃气有限公司", UnitKind.Utility, "AL", "990100"),
        ("AL-DC", "东城区人民政府", UnitKind.District, "AL", "990102"),
        ("AL-DC-HO", "东城区12345热线工作机构", UnitKind.CountyHotlineOffice, "AL-DC", "990102"),
        ("AL-DC-ZJ", "东城区住房和城乡建设局", UnitKind.Department, "AL-DC", "990102"),
        ("AL-DC-SJ", "东城区市场监督管理局", UnitKind.Department, "AL-DC", "990102"),
        ("AL-DC-CG", "东城区城市管理局", UnitKind.Department, "AL-DC", "990102"),
        ("AL-DC-DH", "东华街道办事处", UnitKind.Street, "AL-DC", "990102001"),
        ("AL-DC-DH-01", "东华社区居民委员会", UnitKind.Community, "AL-DC-DH", "990102001001"),
        ("AL-DC-DH-02", "明珠社区居民委员会", UnitKind.Community, "AL-DC-DH", "990102001002"),
        ("AL-DC-XQ", "新桥街道办事处", UnitKind.Street, "AL-DC", "990102002"),
        ("AL-DC-XQ-01", "新桥社区居民委员会", UnitKind.Community, "AL-DC-XQ", "990102002001"),
        ("AL-XC", "西城区人民政府", UnitKind.District, "AL", "990103"),
        ("AL-XC-HO", "西城区12345热线工作机构", UnitKind.CountyHotlineOffice, "AL-XC", "990103"),
        ("AL-XC-CG", "西城区城市管理局", UnitKind.Department, "AL-XC", "990103"),
        ("AL-XC-ZJ", "西城区住房和城乡建设局", UnitKind.Department, "AL-XC", "990103"),
        ("AL-XC-XH", "西湖街道办事处", UnitKind.Street, "AL-XC", "990103001"),
        ("AL-XC-XH-01", "西湖社区居民委员会", UnitKind.Community, "AL-XC-XH", "990103001001"),
        ("AL-XC-JN", "江南街道办事处", UnitKind.Street, "AL-XC", "990103002"),
        ("AL-AX", "安澜县人民政府", UnitKind.District, "AL", "990121"),
        ("AL-AX-HO", "安澜县12345热线工作机构", UnitKind.CountyHotlineOffice, "AL-AX", "990121"),
        ("AL-AX-NY", "安澜县农业农村局", UnitKind.Department, "AL-AX", "990121"),
        ("AL-AX-QS", "青山镇人民政府", UnitKind.Street, "AL-AX", "990121100"),
        ("AL-AX-QS-01", "青山村村民委员会", UnitKind.Community, "AL-AX-QS", "990121100201"),
        ("AL-AX-BS", "白水乡人民政府", UnitKind.Street, "AL-AX", "990121200"),
        ("AL-UNIV", "安澜大学", UnitKind.Enterprise, "AL", "990100"),
        ("AL-BB", "安澜市委机构编制委员会办公室", UnitKind.OrganisationOffice, "AL", "990100"), // issue 15: decides responsibility disputes
        ("AL-JW", "安澜市纪委监委", UnitKind.Department, "AL", "990100"), // issue 16: the last step of supervision's escalation chain
    ];

    /// <summary>(user name, display name, unit code, roles). README lists these.</summary>
    internal static readonly (string UserName, string DisplayName, string Unit, Role[] Roles)[] Accounts =
    [
        ("admin", "系统管理员", "AL-HC", [Role.Administrator]),
        ("agent", "王芳", "AL-HC", [Role.IntakeAgent]),
        ("teamlead", "李强", "AL-HC", [Role.TeamLeader]),
        ("sitemanager", "钱坤", "AL-HC", [Role.SiteManager]),
        ("dispatcher", "赵敏", "AL-HC", [Role.Dispatcher]),
        ("callback", "陈静", "AL-HC", [Role.CallbackAgent]),
        ("inspector", "孙丽", "AL-HC", [Role.QualityInspector]),
        ("supervisor", "周涛", "AL-HC", [Role.Supervisor]),
        ("expert", "吴刚", "AL-HC", [Role.ExpertSeat]),
        ("manager", "郑伟", "AL-HC", [Role.CentreManager]),
        ("handler", "刘洋", "AL-DC-ZJ", [Role.UnitHandler]),
        ("liaison", "黄磊", "AL-DC-ZJ", [Role.UnitLiaison]),
        ("unitlead", "何军", "AL-DC-ZJ", [Role.UnitLeader]),
        ("handler2", "马超", "AL-XC-CG", [Role.UnitHandler]),
        ("water", "许晴", "AL-WATER", [Role.UnitHandler]),
        ("dcoffice", "高远", "AL-DC-HO", [Role.UnitHandler, Role.UnitLiaison]),
        ("leader", "林峰", "AL", [Role.Leader]),
        ("bianban", "秦明", "AL-BB", [Role.OrganisationOffice]), // issue 15
        ("jiwei", "韩正清", "AL-JW", [Role.DisciplineCommission]), // issue 16
    ];

    /// <summary>(category code, region code or null, unit code): the demo dispatch catalogue.</summary>
    internal static readonly (string Category, string? Region, string Unit)[] Catalogue =
    [
        ("0101", "990102", "AL-DC-ZJ"), ("0101", "990103", "AL-XC-ZJ"), ("0101", null, "AL-ZJ"),
        ("0102", null, "AL-ZJ"), ("0103", "990102", "AL-DC-CG"), ("0103", "990103", "AL-XC-CG"), ("0104", null, "AL-ZJ"), ("0105", null, "AL-ZJ"),
        ("0201", "990102", "AL-DC-CG"), ("0201", "990103", "AL-XC-CG"), ("02", null, "AL-HB"),
        ("03", null, "AL-JT"), ("04", null, "AL-JY"), ("05", null, "AL-RS"),
        ("06", "990102", "AL-DC-SJ"), ("06", null, "AL-SJ"), ("0601", null, "AL-SJ-12315"),
        ("07", null, "AL-WJ"), ("0801", null, "AL-WATER"), ("0802", null, "AL-POWER"), ("0803", null, "AL-GAS"),
        ("09", "990102", "AL-DC-CG"), ("09", "990103", "AL-XC-CG"), ("10", null, "AL-SW-12366"),
        ("11", "990121", "AL-AX-NY"), ("09", "990121", "AL-AX-HO"), ("99", "990121", "AL-AX-HO"), ("12", "990121", "AL-AX-HO"),
    ];

    private static string LiaisonName(int i) =>
        string.Concat("张王李赵刘陈杨黄周吴"[i % 10].ToString(), "建华晓明丽娟志强秀英"[i * 7 % 10].ToString(), "国平军伟芳敏静磊洋艳"[i * 3 % 10].ToString());

    /// <summary>
    /// Seeds each part of the demo platform that is missing: the unit tree and accounts into an empty database, then
    /// the dispatch catalogue when it is empty. Returns whether the unit tree was created.
    /// </summary>
    public static async Task<bool> SeedAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var created = false;
        if (!await db.Units.AnyAsync(cancellationToken))
        {
            await SeedOrganisationAsync(scope.ServiceProvider, db, cancellationToken);
            created = true;
        }

        var byCode = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, cancellationToken);
        if (!await db.Set<Domain.Dispatch.DispatchCatalogueEntry>().AnyAsync(cancellationToken) && Catalogue.All(c => byCode.ContainsKey(c.Unit)))
        {
            foreach (var (category, region, unit) in Catalogue)
            {
                db.Add(Domain.Dispatch.DispatchCatalogueEntry.Create(category, region, byCode[unit].Id, null));
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        // Issue 15: Henan's dispatch windows as the demo's deadline rules, when there are none yet (Seed:DemoDeadlineRules).
        if (scope.ServiceProvider.GetRequiredService<IConfiguration>().GetValue("Seed:DemoDeadlineRules", true)
            && !await db.Set<Domain.Dispatch.DeadlineRule>().AnyAsync(cancellationToken))
        {
            db.AddRange(Domain.Dispatch.DeadlineRule.HenanDefaults());
            await db.SaveChangesAsync(cancellationToken);
            await scope.ServiceProvider.GetRequiredService<Features.WorkOrders.WorkOrderClocks>().ReloadAsync(cancellationToken);
        }

        await KnowledgeDemoData.SeedIfEmptyAsync(services, cancellationToken);
        return created;
    }

    private static async Task SeedOrganisationAsync(IServiceProvider services, HotlineDbContext db, CancellationToken cancellationToken)
    {
        var hasher = services.GetRequiredService<IPasswordHasher<User>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var byCode = new Dictionary<string, Unit>();
        foreach (var (code, name, kind, parent, region) in Units)
        {
            var liaison = new Liaison(LiaisonName(byCode.Count), $"0999-{6000000 + (byCode.Count * 1013):D7}", null);
            var unit = Unit.Create(code, name, kind, parent is null ? null : byCode[parent], region, [liaison]);
            db.Units.Add(unit);
            await db.SaveChangesAsync(cancellationToken); // children need the parent's id
            byCode[code] = unit;
        }

        // One hash for all demo accounts: hashing is deliberately slow, and these passwords are public anyway.
        var hash = hasher.HashPassword(null!, DefaultPassword);
        foreach (var (userName, displayName, unitCode, roles) in Accounts)
        {
            db.Users.Add(User.Create(userName, displayName, byCode[unitCode], roles, hash, isDefaultPassword: true, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
