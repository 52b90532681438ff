namespace Hotline.Infrastructure.Web;

/// <summary>One page of a list, with the total count for the pager.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

public static class Paging
{
    public const int MaxPageSize = 200;

    public static (int Number, int Size) Normalise(int? page, int? pageSize, int defaultSize = 50) =>
        (Math.Max(page ?? 1, 1), Math.Clamp(pageSize ?? defaultSize, 1, MaxPageSize));
}
