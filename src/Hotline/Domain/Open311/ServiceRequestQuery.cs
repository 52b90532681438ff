using System.Globalization;

namespace Hotline.Domain.Open311;

/// <summary>
/// The filters of GeoReport v2's "GET Service Requests", checked (issue 18). The spec's defaults: without ids, the span
/// is at most 90 days (the last 90 when no date is given) and at most 1,000 requests come back, newest first.
/// </summary>
public sealed record ServiceRequestQuery(IReadOnlyList<string> Ids, string? ServiceCode, DateTime FromUtc, DateTime ToUtc, bool? Open)
{
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(90);

    public const int MaxResults = 1000;

    /// <summary>Ids one request may name (a comma list).</summary>
    public const int MaxIds = 100;

    public static ServiceRequestQuery Parse(string? ids, string? serviceCode, string? startDate, string? endDate, string? status, DateTime nowUtc)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        var idList = (ids ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (idList.Count > MaxIds || idList.Any(i => i.Length > 32))
        {
            Fail("service_request_id", $"At most {MaxIds} ids of at most 32 characters, separated by commas.");
        }

        var start = Date(startDate, "start_date", Fail);
        var end = Date(endDate, "end_date", Fail);
        var to = end ?? (start is { } s && s + MaxSpan < nowUtc ? s + MaxSpan : nowUtc);
        var from = start ?? to - MaxSpan;
        if (start is not null && end is not null && end < start)
        {
            Fail("end_date", "end_date is before start_date.");
        }
        else if (to - from > MaxSpan)
        {
            Fail("start_date", "The span from start_date to end_date is at most 90 days.");
        }

        bool? open = null;
        var statuses = (status ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => v.ToLowerInvariant()).Distinct().ToList();
        if (statuses.Any(v => v is not ("open" or "closed")))
        {
            Fail("status", "status is open or closed (or both, separated by a comma).");
        }
        else if (statuses.Count == 1)
        {
            open = statuses[0] == "open";
        }

        var code = string.IsNullOrWhiteSpace(serviceCode) ? null : serviceCode.Trim();
        if (code is { Length: > Limits.Code })
        {
            Fail("service_code", "No such service_code.");
        }

        return errors.Count > 0 ? throw new ValidationException(errors) : new ServiceRequestQuery(idList, code, from, to, open);
    }

    /// <summary>The spec's date (both ends included): ISO 8601 with its offset (or Z); a date without an offset is refused rather than guessed.</summary>
    private static DateTime? Date(string? text, string field, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // A '+' left unescaped in a query string arrives as a space.
        text = text.Trim().Replace(' ', '+');
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (text.Length > 40 || !hasOffset || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            || value.Year is < 1990 or > 2199)
        {
            fail(field, "Give a date and time in ISO 8601 with its offset, e.g. 2026-12-01T08:00:00+08:00.");
            return null;
        }

        return value.UtcDateTime;
    }
}
