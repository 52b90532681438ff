using System.Globalization;
using Hotline.Domain.Citizens;
using Hotline.Domain.WorkOrders;
using Hotline.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hotline.Tests.Authorisation;

/// <summary>Issue 18: the records the online intake queue and the channel keys' administration act on.</summary>
internal static class CitizenTargets
{
    /// <summary>A queued submission from the web portal.</summary>
    public static readonly TargetKind Submission = new("citizen submission", async (w, _) =>
    {
        await using var scope = w.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var content = new SubmissionContent(RequestType.Complaint, "0101", "990102001", "明珠小区3栋", null, null, "小区电梯停运两周无人维修", "请尽快修复", "矩阵测试", false, false);
        var submission = Hotline.Domain.Citizens.Submission.Create(content, Channel.Web, null, "13900000018", w.App.Time.GetUtcNow().UtcDateTime);
        db.Add(submission);
        await db.SaveChangesAsync();
        return new Target(submission.Id.ToString(CultureInfo.InvariantCulture), submission.Version);
    });

    /// <summary>An intercepted web submission, not yet released.</summary>
    public static readonly TargetKind Interception = new("interception", async (w, _) =>
    {
        await using var scope = w.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var content = new SubmissionContent(RequestType.Complaint, "0101", "990102001", "明珠小区3栋", null, null, "哈哈哈哈哈哈哈哈哈哈", null, null, false, false);
        var sent = new Hotline.Domain.Citizens.Interception.InterceptedSubmission(content, Channel.Web, null, "13900000019", "matrix", null);
        var interception = Hotline.Domain.Citizens.Interception.Interception.Record(
            Hotline.Domain.Citizens.Interception.InterceptionRule.ContentFree, sent, content.Description, w.App.Time.GetUtcNow().UtcDateTime);
        db.Add(interception);
        await db.SaveChangesAsync();
        return new Target(interception.Id.ToString(CultureInfo.InvariantCulture), interception.Version);
    });

    /// <summary>A word on the abusive-wording list.</summary>
    public static readonly TargetKind Word = new("interception word", async (w, _) =>
    {
        await using var scope = w.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var word = Hotline.Domain.Citizens.Interception.InterceptionWord.Create($"矩阵词{Guid.NewGuid():N}"[..20], "矩阵测试", w.App.Time.GetUtcNow().UtcDateTime);
        db.Add(word);
        await db.SaveChangesAsync();
        return new Target(word.Id.ToString(CultureInfo.InvariantCulture), 0);
    });

    /// <summary>A live key of the app channel.</summary>
    public static readonly TargetKind Key = new("channel key", async (w, _) =>
    {
        await using var scope = w.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var key = ChannelKey.Create("矩阵测试", Channel.App, "矩阵测试", w.App.Time.GetUtcNow().UtcDateTime, out _);
        db.Add(key);
        await db.SaveChangesAsync();
        return new Target(key.Id.ToString(CultureInfo.InvariantCulture), key.Version);
    });

    /// <summary>Issue 18: a 差评 given on a closed order of the target unit, not yet followed up.</summary>
    public static readonly TargetKind BadRating = new("bad service rating", async (w, unit) =>
    {
        var orderId = await w.Orders.PlantAsync(OrderStage.Closed, unit);
        await using var scope = w.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HotlineDbContext>();
        var order = await db.Set<WorkOrder>().AsNoTracking().SingleAsync(o => o.Id == orderId);
        var calendar = scope.ServiceProvider.GetRequiredService<Hotline.Features.WorkOrders.WorkOrderClocks>().Calendar;
        var rating = ServiceRating.Give(order, ServiceGrade.Unsatisfied, "矩阵测试差评", Channel.Web, calendar, w.App.Time.GetUtcNow().UtcDateTime);
        db.Add(rating);
        await db.SaveChangesAsync();
        return new Target(rating.Id.ToString(CultureInfo.InvariantCulture), rating.Version);
    });

    /// <summary>The acceptance of a submission: a registration as an intake agent completes it, with the submission's version.</summary>
    public static object Acceptance(CellContext c) => new
    {
        requestType = "complaint",
        categoryCode = "010101",
        urgency = "normal",
        location = new { regionCode = "990102001", street = "东华街道", address = "明珠小区3栋" },
        subject = "电梯停运",
        events = "小区电梯停运两周无人维修",
        demand = "请尽快修复",
        outcome = new { kind = "dispatch" },
        version = c.Target.Version,
    };
}
