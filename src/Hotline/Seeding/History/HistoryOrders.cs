using System.Globalization;
using Hotline.Domain.Dispatch;
using Hotline.Domain.Organisation;
using Hotline.Domain.WorkOrders;

namespace Hotline.Seeding.History;

/// <summary>One generated order and the timeline entries it adds to earlier orders (a repeat's link on the earlier order).</summary>
public sealed record GeneratedOrder(long Id, WorkOrder Order, IReadOnlyList<(long WorkOrderId, WorkOrderEvent Entry)> OtherEntries);

/// <summary>
/// What arrives: category (by season), region, channel, request type, urgency, the caller and the texts, drawn from one
/// seeded random stream, so the same seed gives the same orders. The lifecycle itself is <see cref="HistoryLifecycle"/>.
/// </summary>
public sealed class HistoryOrders
{
    // Channel shares (S2): most requests still come by telephone.
    private static readonly (Channel Channel, double Weight)[] Channels =
    [
        (Channel.Phone, 62), (Channel.WeChat, 12), (Channel.App, 8), (Channel.Web, 6), (Channel.MayorMailbox, 3),
        (Channel.Province, 3), (Channel.GovServiceHotline, 2), (Channel.SubCentre, 2), (Channel.ServiceHall, 1), (Channel.Broadcast, 1),
    ];

    private static readonly Dictionary<string, double> GroupWeights = new(StringComparer.Ordinal)
    {
        ["01"] = 2.2,
        ["02"] = 1.3,
        ["03"] = 1.0,
        ["04"] = 0.8,
        ["05"] = 1.4,
        ["06"] = 1.4,
        ["07"] = 0.8,
        ["08"] = 1.6,
        ["09"] = 1.4,
        ["10"] = 0.4,
        ["11"] = 0.4,
        ["12"] = 1.2,
        ["13"] = 0.05,
        ["99"] = 0.3,
    };

    private readonly HistoryWorld _world;
    private readonly Random _random;
    private readonly double[][] _categoryCumulative = new double[13][];
    private readonly double[] _channelCumulative;
    private readonly HistoryLifecycle _lifecycle;
    private readonly HistoryIncidents _incidents;

    public HistoryOrders(HistoryWorld world, int seed, DateTime nowUtc, Func<DateTime, (long Id, string Number)> allocate)
    {
        _world = world;
        _random = new Random(seed);
        var actors = new HistoryActors(world);
        _lifecycle = new HistoryLifecycle(world, actors, _random, nowUtc, allocate);
        _incidents = new HistoryIncidents(_random);
        for (var month = 1; month <= 12; month++)
        {
            _categoryCumulative[month] = Cumulative(world.Leaves.Select(c => Weight(c, month)).ToArray());
        }

        _channelCumulative = Cumulative(Channels.Select(c => c.Weight).ToArray());
        if (world.Leaves.Count == 0 || world.Streets.Count == 0)
        {
            throw new InvalidOperationException("The platform has no categories or no streets with a region code: load the demo platform first (hotline seed).");
        }
    }

    /// <summary>
    /// The orders registered at <paramref name="registeredAtUtc"/>: one, or two when a duplicate follows and is merged into it.
    /// The order is the next report of an incident when one is due (<see cref="HistoryIncidents"/>), else drawn by season.
    /// </summary>
    public IReadOnlyList<GeneratedOrder> Next(DateTime registeredAtUtc, bool allowPair)
    {
        var incident = _incidents.Due(registeredAtUtc);
        var category = incident?.Category ?? _world.Leaves[Pick(_categoryCumulative[registeredAtUtc.AddHours(8).Month])];
        incident ??= _incidents.Start(registeredAtUtc, category, _world.Streets);
        var content = Content(category, incident);
        return _lifecycle.Run(registeredAtUtc, content, category, allowPair);
    }

    /// <summary>What the intake agent records, drawn for one category (at an incident's compound and with its fact, for one of its reports).</summary>
    public WorkOrderContent Content(Category category, HistoryIncidents.Incident? incident = null)
    {
        var r = _random;
        var street = incident?.Street ?? _world.Streets[r.Next(_world.Streets.Count)];
        var region = street.RegionCode!;
        var channel = Channels[Pick(_channelCumulative)].Channel;
        var type = RequestTypeFor(category.Code);
        var urgency = category.IsEmergency || (category.Code.StartsWith("0803", StringComparison.Ordinal) && r.NextDouble() < 0.2) ? Urgency.Emergency : Urgency.Normal;
        var (subject, events, demand, address) = incident is null
            ? HistoryTexts.Compose(r, category.Code)
            : HistoryTexts.Compose(r, category.Code, incident.Place, incident.Fact);
        var anonymous = r.NextDouble() < 0.03;
        var confidential = !anonymous && r.NextDouble() < 0.02;
        var name = anonymous ? null : r.Next(3) == 0 ? HistoryTexts.Name(r) : $"{HistoryTexts.Name(r)[..1]}{(r.Next(2) == 0 ? "先生" : "女士")}";
        var phone = channel is Channel.Web or Channel.MayorMailbox && r.Next(4) == 0 ? null : HistoryTexts.Phone(r);
        var province = channel == Channel.Province ? string.Create(CultureInfo.InvariantCulture, $"SZ{Digits(r)}") : null;
        return new WorkOrderContent(
            channel, type, category.Code, urgency,
            new Caller(name, phone, anonymous, confidential),
            new Location(region, street.Name, address, null, null),
            subject, events, demand, null, null,
            channel == Channel.Phone ? string.Create(CultureInfo.InvariantCulture, $"REC{r.NextInt64(1_000_000_000L, 9_999_999_999L)}") : null,
            province, [])
        {
            CitizenWantsCallback = r.NextDouble() < 0.05,
        };

        static long Digits(Random r) => r.NextInt64(10_000_000L, 99_999_999L);
    }

    private RequestType RequestTypeFor(string category)
    {
        var inquiryHeavy = category.StartsWith("12", StringComparison.Ordinal) || category.StartsWith("10", StringComparison.Ordinal)
            || category.StartsWith("0502", StringComparison.Ordinal) || category.StartsWith("0503", StringComparison.Ordinal)
            || category.StartsWith("0401", StringComparison.Ordinal) || category.StartsWith("0702", StringComparison.Ordinal);
        var u = _random.NextDouble();
        if (u < (inquiryHeavy ? 0.7 : 0.22))
        {
            return RequestType.Inquiry;
        }

        u = _random.NextDouble();
        return u switch
        {
            < 0.48 => RequestType.Complaint,
            < 0.78 => RequestType.HelpRequest,
            < 0.91 => RequestType.Report,
            _ => RequestType.Suggestion,
        };
    }

    private static double Weight(Category category, int month) =>
        GroupWeights.GetValueOrDefault(category.Code[..2], 0.5) * HistoryRhythm.SeasonalFactor(category.Code, month);

    private int Pick(double[] cumulative)
    {
        var index = Array.BinarySearch(cumulative, _random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }

    private static double[] Cumulative(double[] weights)
    {
        var total = weights.Sum();
        var result = new double[weights.Length];
        var running = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            running += weights[i];
            result[i] = running / total;
        }

        return result;
    }
}
