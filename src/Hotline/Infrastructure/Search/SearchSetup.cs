namespace Hotline.Infrastructure.Search;

public static class SearchSetup
{
    public static IServiceCollection AddHotlineSearch(this IServiceCollection services) =>
        services.AddScoped<ISearchIndex, SqlSearchIndex>();
}
