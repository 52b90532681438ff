using System.Net;
using System.Text.Json;
using Hotline.Domain.Supervision;
using Hotline.Infrastructure.Data;
using Hotline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Authorisation;

/// <summary>How far a correction the matrix acts on has gone.</summary>
internal enum CorrectionStage
{
    Issued,
    Reported,
    Refused,
}

/// <summary>Issue 16, correction and accountability: the records its operations act on, made for a unit.</summary>
internal static class SupervisionTargets
{
    /// <summary>Who answers for a unit's corrections: an account of that unit.</summary>
    private static readonly Dictionary<string, string> UnitAccounts = new() { ["AL-DC-ZJ"] = "handler", ["AL-XC-CG"] = "handler2", ["AL-DC-HO"] = "dcoffice" };

    private static int _periods;

    /// <summary>A correction sent by the supervisor to the unit, and taken by the unit's own account as far as <paramref name="stage"/>.</summary>
    public static TargetKind Correction(CorrectionStage stage) => new($"correction {stage}", async (w, unit) =>
    {
        var supervisor = await w.As("supervisor");
        var correction = await (await supervisor.PostJsonAsync("/api/supervision/corrections", new
        {
            unitId = w.UnitId(unit),
            suggestions = "请建立退单审核制度",
            deadlineWorkingDays = 5,
        })).ShouldBe(HttpStatusCode.Created);
        if (stage != CorrectionStage.Issued)
        {
            var account = await w.As(UnitAccounts[unit]);
            var (action, body) = stage == CorrectionStage.Reported ? ("report", (object)new { report = "已整改", version = Version(correction) }) : ("refuse", new { reason = "不属本单位职责", version = Version(correction) });
            correction = await (await account.PostJsonAsync($"/api/supervision/corrections/{Id(correction)}/{action}", body)).ShouldBe(HttpStatusCode.OK);
        }

        return MatrixWorld.TargetOf(correction, "id");
    });

    /// <summary>A circular addressed to the unit, for a month of its own.</summary>
    public static readonly TargetKind Circular = new("circular", async (w, unit) =>
    {
        await using var scope = w.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var id = w.UnitId(unit);
        var parent = await db.Units.SingleAsync(u => u.Id == id);
        var n = Interlocked.Increment(ref _periods);
        var circular = SupervisionCircular.Create(parent, new CircularPeriod(2040 + (n / 12), (n % 12) + 1), [new CircularRow(id, parent.Name, CircularFigures.Zero)], "矩阵测试", w.App.Time.GetUtcNow().UtcDateTime);
        db.Add(circular);
        await db.SaveChangesAsync();
        return new Target(circular.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), circular.Version);
    });

    /// <summary>Issue 17: a pending appeal of the unit (written directly: filing one needs an order the unit held).</summary>
    public static readonly TargetKind Appeal = new("appeal", async (w, unit) =>
    {
        await using var scope = w.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var id = w.UnitId(unit);
        var appealing = await db.Units.SingleAsync(u => u.Id == id);
        var appeal = Hotline.Domain.Assessment.AssessmentAppeal.File(-1, "MATRIX", appealing, true, "all", "矩阵测试", "矩阵测试", "矩阵测试", w.App.Time.GetUtcNow().UtcDateTime);
        db.Add(appeal);
        await db.SaveChangesAsync();
        return new Target(appeal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), appeal.Version);
    });

    private static long Id(JsonElement e) => e.GetProperty("id").GetInt64();

    private static long Version(JsonElement e) => e.GetProperty("version").GetInt64();
}
