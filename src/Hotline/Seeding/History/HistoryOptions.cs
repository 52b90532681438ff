using Hotline.Domain;
using Hotline.Domain.Calendar;

namespace Hotline.Seeding.History;

/// <summary>
/// What <c>hotline generate</c> is asked for: how many orders, the seed, and the registration dates (China time,
/// inclusive; by default the year up to today). The history ends at <see cref="EndUtc"/>: the end of <see cref="To"/>,
/// or now when that is earlier. With a <see cref="To"/> in the past the same arguments give the same rows.
/// </summary>
public sealed record HistoryOptions(long Orders, int Seed, DateOnly From, DateOnly To, bool Reindex, int BatchSize = 5_000)
{
    /// <summary>
    /// About one order in this many is lived through the domain; the others are stamped from the day's finished lives
    /// (<see cref="HistoryGenerator.ProduceAsync"/>). One lives every order. By default one up to 20,000 orders, then one
    /// per 20,000 orders, at most 64.
    /// </summary>
    public int StampEvery { get; init; } = 1;

    public const int MaxStampEvery = 64;

    /// <summary>Run the <see cref="Infrastructure.Data.IAfterBulkLoad"/> steps (facts and rollups rebuilt, entities stored) after writing; a benchmark may skip them.</summary>
    public bool AfterLoad { get; init; } = true;

    public static int DefaultStampEvery(long orders) => (int)Math.Clamp(orders / 20_000, 1, MaxStampEvery);

    public const long MaxOrders = 200_000_000;

    /// <summary>A work-order number has six digits of daily sequence.</summary>
    public const long MaxPerDay = 900_000;

    public DateTime EndUtc(DateTimeOffset now) =>
        new[] { ChinaTime.EndOfDay(To).UtcDateTime, now.UtcDateTime }.Min();

    public static HistoryOptions Create(long orders, int seed, DateOnly? from, DateOnly? to, bool reindex, DateTimeOffset now, int? stampEvery = null)
    {
        var today = ChinaTime.LocalDate(now);
        var end = to ?? today;
        var start = from ?? end.AddDays(-364);
        var errors = new Dictionary<string, string[]>();
        if (orders is < 1 or > MaxOrders)
        {
            errors["orders"] = [$"Generate 1 to {MaxOrders:#,0} orders."];
        }

        if (end > today)
        {
            errors["to"] = ["The history cannot end after today."];
        }

        if (start > end)
        {
            errors["from"] = ["The first day must not be after the last."];
        }
        else if (!ChinaTime.IsSupported(start))
        {
            errors["from"] = [$"Give a date {ChinaTime.SupportedRange}."];
        }
        else if (orders / (end.DayNumber - start.DayNumber + 1) > MaxPerDay / 2)
        {
            errors["orders"] = ["Too many orders per day for six-digit daily numbers: widen the dates."];
        }

        if (stampEvery is < 1 or > MaxStampEvery)
        {
            errors["stamp"] = [$"Live one order in 1 to {MaxStampEvery}."];
        }

        return errors.Count > 0
            ? throw new ValidationException(errors)
            : new HistoryOptions(orders, seed, start, end, reindex) { StampEvery = stampEvery ?? DefaultStampEvery(orders) };
    }
}
