using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Hotline.Infrastructure.Search;

public static class SearchSetup
{
    /// <summary>A query of up to 2,000 Chinese characters is 18 KB once percent-encoded: more than Kestrel's default 8 KB request line.</summary>
    public const int MaxRequestLineBytes = 32 * 1024;

    public static IServiceCollection AddHotlineSearch(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestLineSize = Math.Max(o.Limits.MaxRequestLineSize, MaxRequestLineBytes));
        services.AddSingleton<SearchReindexJob>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchReindexJob>());
        return services.AddScoped<ISearchIndex, SqlSearchIndex>();
    }
}
