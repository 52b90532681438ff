using Hotline.Domain;
using Hotline.Domain.Assessment;
using Hotline.Domain.Calendar;
using Hotline.Domain.Chat;
using Hotline.Infrastructure.Data;
using Hotline.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MaxLengthAttribute = System.ComponentModel.DataAnnotations.MaxLengthAttribute;

namespace Hotline.Features.Chat;

/// <summary>The hand-over rate per day (the day a conversation started, China time): how often the assistant was not enough, and why.</summary>
public static class ChatFigures
{
    public static IEndpointRouteBuilder MapChatFigures(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/chat/handover-rates", HandoverRates).WithTags("Chat").RequireAuthorization(Policies.ChatFigures)
            .WithSummary("Per day: conversations, handed over (requested, not confident) and the rate.");
        return app;
    }

    private static async Task<Ok<List<HandoverDay>>> HandoverRates(
        [MaxLength(Limits.QueryValue)] string? from, [MaxLength(Limits.QueryValue)] string? to, HotlineDbContext db, TimeProvider time, CancellationToken ct)
    {
        var today = ChinaTime.LocalDate(time.GetUtcNow());
        var period = AssessmentPeriod.Range(Day(from, "from") ?? today.AddDays(-29), Day(to, "to") ?? today);
        var start = ChinaTime.StartOfDay(period.From).UtcDateTime;
        var end = ChinaTime.StartOfDay(period.To.AddDays(1)).UtcDateTime;
        var rows = await db.Set<Conversation>().AsNoTracking().Where(c => c.StartedAtUtc >= start && c.StartedAtUtc < end)
            .Select(c => new { c.StartedAtUtc, c.HandoverReason }).ToListAsync(ct);
        var byDay = rows.GroupBy(r => ChinaTime.LocalDate(new DateTimeOffset(r.StartedAtUtc, TimeSpan.Zero))).ToDictionary(g => g.Key, g => g.ToList());
        var days = new List<HandoverDay>();
        for (var d = period.From; d <= period.To; d = d.AddDays(1))
        {
            var list = byDay.GetValueOrDefault(d) ?? [];
            var requested = list.Count(r => r.HandoverReason == HandoverReason.Requested);
            var notConfident = list.Count(r => r.HandoverReason == HandoverReason.NotConfident);
            days.Add(new HandoverDay(d, list.Count, requested + notConfident, requested, notConfident, list.Count == 0 ? 0 : Math.Round((double)(requested + notConfident) / list.Count, 4)));
        }

        return TypedResults.Ok(days);
    }

    private static DateOnly? Day(string? value, string field) =>
        string.IsNullOrEmpty(value) ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) && ChinaTime.IsSupported(d) ? d
        : throw ValidationException.For(field, "Use a date as yyyy-MM-dd.");
}
