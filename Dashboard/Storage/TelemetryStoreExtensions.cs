using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TraceApp.Dashboard.Storage;

public static class TelemetryStoreExtensions
{
    /// <summary>
    /// The one <see cref="TelemetryStore"/> the receivers write to and the pages read from, bounded by
    /// <c>Dashboard:TelemetryLimits</c>. The limits are checked here, so a bad setting fails at start.
    /// </summary>
    public static IServiceCollection AddTelemetryStore(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryStoreOptions.SectionName).Get<TelemetryStoreOptions>()
            ?? new TelemetryStoreOptions();
        options.Validate();
        services.TryAddSingleton(options);
        services.TryAddSingleton(provider => new TelemetryStore(provider.GetRequiredService<TelemetryStoreOptions>()));
        return services;
    }
}
