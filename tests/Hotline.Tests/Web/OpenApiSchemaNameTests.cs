namespace Hotline.Tests.Web;

/// <summary>
/// The OpenAPI document names each schema by its type's simple name, and two types of the same name end up as one
/// schema: the document then describes one endpoint with the other's shape, and the workbench's typed client with it.
/// </summary>
public sealed class OpenApiSchemaNameTests
{
    [Fact]
    public void PublicTypesOfTheApi_HaveUniqueNames()
    {
        var duplicates = typeof(HotlineApp).Assembly.GetExportedTypes()
            .Where(t => t.Namespace is { } ns && (ns.StartsWith("Hotline.Features", StringComparison.Ordinal) || ns.StartsWith("Hotline.Domain", StringComparison.Ordinal)))
            .Where(t => !t.IsNested && !t.IsAbstract)
            .GroupBy(t => t.Name)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.FullName))}")
            .ToList();

        Assert.True(duplicates.Count == 0, "types named alike become one OpenAPI schema: " + string.Join("; ", duplicates));
    }
}
