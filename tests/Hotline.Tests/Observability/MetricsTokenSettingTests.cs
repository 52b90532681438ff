using Hotline.Infrastructure.Observability;

namespace Hotline.Tests.Observability;

/// <summary>A scraper's token shorter than 32 characters refuses the start (exit code 3, one line), as other bad settings do.</summary>
public sealed class MetricsTokenSettingTests
{
    [Fact]
    public void ShortMetricsToken_RefusesTheStart()
    {
        var refused = Assert.Throws<StartupRefusedException>(() => HotlineApp.CreateBuilder(["--Observability:MetricsToken=too-short-a-token"], "Development"));

        Assert.Contains("Observability:MetricsToken", refused.Message, StringComparison.Ordinal);
        Assert.Contains(ObservabilityOptions.MinimumTokenLength.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Message, StringComparison.Ordinal);
    }
}
