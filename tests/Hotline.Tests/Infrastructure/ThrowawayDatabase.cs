using Hotline.Infrastructure.Data;

namespace Hotline.Tests.Infrastructure;

/// <summary>
/// A database of its own for a test that builds servers itself (start-up, schema, key ring, backup): created empty,
/// dropped (or its SQLite files deleted) when the test ends, however it ends.
/// </summary>
public sealed class ThrowawayDatabase : IAsyncDisposable
{
    private ThrowawayDatabase(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public static async Task<ThrowawayDatabase> CreateAsync(DatabaseProvider provider) =>
        new(provider, await AppFixture.CreateDatabaseAsync(provider));

    public async ValueTask DisposeAsync() => await AppFixture.DropDatabaseAsync(Provider, ConnectionString);
}
