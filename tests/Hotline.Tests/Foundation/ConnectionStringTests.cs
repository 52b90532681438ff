using Hotline.Infrastructure.Data;
using Npgsql;

namespace Hotline.Tests.Foundation;

/// <summary>PostgreSQL connections prepare repeated statements unless the operator's connection string says otherwise.</summary>
public sealed class ConnectionStringTests
{
    [Fact]
    public void AutomaticPreparation_IsOnByDefault()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseSetup.PostgresConnectionString("Host=127.0.0.1;Database=hotline;Username=hotline"));

        Assert.Equal(128, builder.MaxAutoPrepare);
        Assert.Equal(2, builder.AutoPrepareMinUsages);
        Assert.Equal("-c plan_cache_mode=force_custom_plan", builder.Options);
        Assert.Equal("hotline", builder.Database);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Max Auto Prepare=0", 0, null)]
    [InlineData("Host=127.0.0.1;max auto prepare=20", 20, "-c plan_cache_mode=force_custom_plan")]
    [InlineData("Host=127.0.0.1;Options=-c work_mem=64MB", 128, "-c work_mem=64MB")]
    public void AnExplicitSetting_IsKept(string connectionString, int prepared, string? options)
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseSetup.PostgresConnectionString(connectionString));

        Assert.Equal(prepared, builder.MaxAutoPrepare);
        Assert.Equal(options, builder.Options);
    }
}
