using Hotline.Infrastructure.Jobs;

namespace Hotline.Features.Attachments;

public static class AttachmentServices
{
    /// <summary>The file store (a local folder, or S3 when configured), the upload, the claims and the orphan sweep (issue 18).</summary>
    public static IServiceCollection AddAttachments(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(FileStoreOptions.Section).Get<FileStoreOptions>() ?? new FileStoreOptions();
        services.AddSingleton(options);
        if (options.S3.IsConfigured)
        {
            services.AddSingleton<IFileStore, S3FileStore>();
        }
        else
        {
            services.AddSingleton<IFileStore, LocalFileStore>();
        }

        services.AddScoped<UploadReceiver>();
        services.AddScoped<UploadClaims>();
        services.AddScoped<AttachmentAccess>();
        services.AddSingletonHostedService<OrphanUploadSweep>();
        return services;
    }
}
