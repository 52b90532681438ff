using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hotline.Domain;
using Hotline.Domain.WorkOrders;
using Hotline.Features.Intake;
using Hotline.Features.WorkOrders;
using Hotline.Infrastructure.Web;

namespace Hotline.Bench;

/// <summary>
/// What the declared-limits request check (<see cref="RequestLimits"/>) costs per request, beside two baselines in
/// the same run: the same fields checked by hand (what each endpoint would otherwise write), and the JSON binding every
/// request pays anyway. Single-threaded, CPU only, no database.
/// </summary>
public sealed class RequestLimitsBenchmark : IBenchmark
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "request-limits";

    public string Description => "CPU cost of the declared-limits request check per body, against a hand-written check and JSON binding (--count 200000)";

    public Task<int> RunAsync(BenchContext context)
    {
        var count = context.GetInt("count", 200_000);
        var register = new RegisterRequest
        {
            Channel = Channel.Phone,
            RequestType = RequestType.Complaint,
            CategoryCode = "010101",
            Urgency = Urgency.Normal,
            Caller = new CallerInput("张三丰", "13812345678", false, false),
            Location = new LocationInput("990102001", "东华街道", "明珠小区3栋", null, null),
            Subject = "电梯故障",
            Events = "小区3栋电梯停运两周，物业不修，老人上下楼困难。",
            Demand = "尽快修复电梯。",
            AttachmentIds = [1, 2],
        };
        var reason = new ReasonRequest("需要协调维保公司，申请延期。", 3);
        var registerJson = JsonSerializer.Serialize(register, Json);

        var rows = new List<(string What, double Ns)>
        {
            ("register body: JSON binding (baseline paid anyway)", Time(count, () => JsonSerializer.Deserialize<RegisterRequest>(registerJson, Json))),
            ("register body: hand-written length checks (baseline)", Time(count, () => HandWritten(register))),
            ("register body: declared-limits check", Time(count, () => RequestLimits.CheckBody(register))),
            ("reason body: hand-written length check (baseline)", Time(count, () => reason.Reason is { Length: > Limits.Reason } ? reason : null)),
            ("reason body: declared-limits check", Time(count, () => RequestLimits.CheckBody(reason))),
        };

        Console.WriteLine(Measure.Header("Declared text limits: the request check (issue 13)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count:#,0} checks each, single-threaded, after a warm-up of the same size.\n"));
        Console.WriteLine("| what | per body |");
        Console.WriteLine("|---|---:|");
        foreach (var (what, ns) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {ns:0} ns |"));
        }

        return Task.FromResult(0);
    }

    /// <summary>Mean nanoseconds per call, after a warm-up of the same size.</summary>
    private static double Time(int count, Func<object?> action)
    {
        object? sink = null;
        for (var i = 0; i < count; i++)
        {
            sink = action();
        }

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            sink = action();
        }

        GC.KeepAlive(sink);
        return watch.Elapsed.TotalMilliseconds * 1_000_000 / count;
    }

    private static Validation? HandWritten(RegisterRequest r)
    {
        var v = new Validation();
        v.Text(r.CategoryCode, "categoryCode", Limits.Code, required: false).Text(r.Subject, "subject", Limits.ShortText, required: false)
            .Text(r.Events, "events", Limits.LongText, required: false).Text(r.Demand, "demand", Limits.MediumText, required: false)
            .Text(r.SuggestedHandling, "suggestedHandling", Limits.MediumText, required: false).Text(r.PartyInvolved, "partyInvolved", Limits.ShortText, required: false)
            .Text(r.RecordingId, "recordingId", Limits.LongName, required: false).Text(r.ProvincialReference, "provincialReference", Limits.Reference, required: false)
            .Text(r.Caller?.Name, "caller.name", Limits.Name, required: false).Text(r.Caller?.Phone, "caller.phone", Limits.Phone, required: false)
            .Text(r.Location?.RegionCode, "location.regionCode", Limits.Code, required: false).Text(r.Location?.Street, "location.street", Limits.LongName, required: false)
            .Text(r.Location?.Address, "location.address", Limits.ShortText, required: false);
        v.Require((r.AttachmentIds?.Count ?? 0) <= Limits.Attachments, "attachmentIds", "Too many.");
        return v.HasErrors ? v : null;
    }
}
