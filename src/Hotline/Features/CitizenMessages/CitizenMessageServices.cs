using Hotline.Domain;
using Hotline.Domain.CitizenMessages;
using Hotline.Infrastructure.Jobs;
using Hotline.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hotline.Features.CitizenMessages;

public sealed class CitizenMessageOptions
{
    public const string Section = "CitizenMessages";

    /// <summary>The "dispatched" message; <c>{number}</c> is the order's number and <c>{unit}</c> the unit it went to.</summary>
    public string DispatchedTemplate { get; set; } = MessageTemplates.Dispatched;

    /// <summary>Issue 18: the portal's public address, the start of the links in the replied and callback messages.</summary>
    public string PortalBaseAddress { get; set; } = "https://12345.example.gov.cn";
}

public static class CitizenMessageServices
{
    /// <summary>
    /// Messages to citizens (S3: told when the request is dispatched): the outbox follower, the sending job and, in
    /// Development, the sink that keeps them in memory. Production registers its gateway as <see cref="ICitizenMessageSender"/>.
    /// </summary>
    public static IServiceCollection AddCitizenMessages(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<CitizenMessageOptions>().BindConfiguration(CitizenMessageOptions.Section);
        services.AddSingletonHostedService<CitizenMessageFollower>();
        services.AddSingletonHostedService<CitizenMessageJob>();
        if (environment.IsDevelopment())
        {
            services.AddSingleton<DevelopmentCitizenMessageSink>();
            services.AddSingleton<ICitizenMessageSender>(sp => sp.GetRequiredService<DevelopmentCitizenMessageSink>());
        }

        return services;
    }
}

internal sealed class CitizenMessageConfiguration : IEntityTypeConfiguration<CitizenMessage>
{
    public void Configure(EntityTypeBuilder<CitizenMessage> b)
    {
        b.ToTable("citizen_messages");
        b.Property(m => m.Kind).HasMaxLength(32);
        b.Property(m => m.State).HasMaxLength(16);
        b.Property(m => m.Recipient).HasMaxLength(Limits.Phone);
        b.Property(m => m.Text).HasMaxLength(Limits.Reason);
        b.Property(m => m.LastError).HasMaxLength(Limits.Reason);
        b.HasIndex(m => new { m.State, m.Id });
        b.HasIndex(m => m.WorkOrderId);
    }
}
