namespace Hotline.Tests.Infrastructure;

/// <summary>Places in the source tree the tests read or write (the OpenAPI snapshot, screenshots).</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hotline.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Hotline.slnx above {AppContext.BaseDirectory}.");
    });

    public static string Root => RootPath.Value;

    /// <summary>The workbench's copy of the server's OpenAPI document, from which its API types are generated.</summary>
    public static string OpenApiSnapshot => Path.Combine(Root, "web", "src", "api", "openapi.json");

    /// <summary>Screenshots of the main screens, written by the browser tests (gitignored).</summary>
    public static string Screenshots => Path.Combine(Root, "TestResults", "screenshots");
}
