using Hotline.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Hotline.Infrastructure.KeyRing;

/// <summary>
/// Data protection (the keys that sign the session cookie): the keys live in the database, shared by every node
/// (<see cref="DataProtectionKeyStore"/>), each encrypted with the configured certificate before it is stored.
/// </summary>
public static class KeyRingSetup
{
    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KeyRingOptions>().Bind(configuration.GetSection(KeyRingOptions.Section));
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DataProtectionKeyStore(sp.GetRequiredService<IServiceScopeFactory>())));
        services.AddDataProtection().SetApplicationName("hotline-12345");
        return services;
    }

    /// <summary>
    /// Reads the certificates and has data protection encrypt with the current one and decrypt with any of them. Called
    /// when the application is built, not with the services: settings added after <c>CreateBuilder</c> (as the tests add
    /// theirs) count.
    /// </summary>
    public static void ProtectKeyRing(WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var certificates = KeyRingCertificates.Read(options, builder.Environment);
        builder.Services.AddSingleton(certificates);
        if (certificates.Current is { } current)
        {
            var protection = builder.Services.AddDataProtection();
            protection.ProtectKeysWithCertificate(current);
            protection.UnprotectKeysWithAnyCertificate([.. certificates.All]);
        }
    }
}
