using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TraceApp.Jobs.Store;

namespace Microsoft.Extensions.Hosting;

public static class JobStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="JobStore"/>, <see cref="WorkerRegistry"/> and <see cref="JobStoreMigrator"/> on the
    /// <see cref="Npgsql.NpgsqlDataSource"/> the program registers (Aspire.Npgsql's <c>AddNpgsqlDataSource("traceapp")</c>),
    /// with <see cref="JobStoreOptions"/> from <c>Jobs:Store</c>. With <paramref name="migrateAtStart"/> the schema is
    /// migrated while the host starts, before it serves anything.
    /// </summary>
    public static IHostApplicationBuilder AddJobStore(this IHostApplicationBuilder builder, bool migrateAtStart = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<JobStoreOptions>().BindConfiguration(JobStoreOptions.SectionName);
        builder.Services.AddJobStore(migrateAtStart);
        return builder;
    }

    public static IServiceCollection AddJobStore(this IServiceCollection services, bool migrateAtStart = true)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<JobStoreOptions>()
            .Validate(o => o.AcknowledgementTimeout > TimeSpan.Zero && o.HeartbeatTimeout > TimeSpan.Zero,
                $"{JobStoreOptions.SectionName}: AcknowledgementTimeout and HeartbeatTimeout must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<JobStore>();
        services.TryAddSingleton<WorkerRegistry>();
        services.TryAddSingleton<JobStoreMigrator>();
        if (migrateAtStart)
        {
            services.AddHostedService<JobStoreMigrationService>();
        }

        return services;
    }
}
