using Hotline.Infrastructure.Jobs;

namespace Hotline.Features.Attachments;

public static class AttachmentServices
{
    /// <summary>The file store (a local folder, or S3 when configured), the upload, the claims and the orphan sweep (issue 18).</summary>
    public static IServiceCollection AddAttachments(this IServiceCollection services)
    {
        // Read when first needed, not here: configuration added after the services are registered (a test host's own
        // folder) is then seen too.
        services.AddSingleton(provider => provider.GetRequiredService<IConfiguration>().GetSection(FileStoreOptions.Section).Get<FileStoreOptions>() ?? new FileStoreOptions());
        services.AddSingleton<IFileStore>(provider => provider.GetRequiredService<FileStoreOptions>().S3.IsConfigured
            ? ActivatorUtilities.CreateInstance<S3FileStore>(provider)
            : ActivatorUtilities.CreateInstance<LocalFileStore>(provider));

        services.AddScoped<UploadReceiver>();
        services.AddScoped<UploadClaims>();
        services.AddScoped<AttachmentAccess>();
        services.AddSingletonHostedService<OrphanUploadSweep>();
        return services;
    }
}
