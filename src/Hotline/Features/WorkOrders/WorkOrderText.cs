namespace Hotline.Features.WorkOrders;

/// <summary>An order as the text tools read it: routing models, the repeat index and the hot-spot job see the same text and place.</summary>
public static class WorkOrderText
{
    /// <summary>Subject, events and demand as one text.</summary>
    public static string Of(string subject, string events, string demand) => string.Concat(subject, "。", events, "。", demand);

    /// <summary>The place a repeat or a hot spot is judged in: the region code down to the street (9 digits).</summary>
    public static string? PlaceOf(string? regionCode) =>
        string.IsNullOrWhiteSpace(regionCode) ? null : regionCode.Trim() is var r && r.Length > 9 ? r[..9] : r;
}
