using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using TraceApp.ServiceDefaults.Health;
using TraceApp.ServiceDefaults.Http;
using TraceApp.ServiceDefaults.Logging;
using TraceApp.ServiceDefaults.Telemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// TraceApp's service defaults, as in Aspire's ServiceDefaults project: telemetry, log correlation, health
/// checks, service discovery and HttpClient resilience for any program.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Exit code for a configuration error found at start (sysexits' EX_CONFIG).</summary>
    public const int ConfigurationErrorExitCode = 78;

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        TelemetryConfigurationSources.Add(
            builder.Configuration, Environment.GetEnvironmentVariables(), Environment.GetCommandLineArgs());
        var settings = TelemetrySettings.Resolve(builder.Configuration, out var error);
        if (error is not null)
        {
            // One clear line instead of a stack trace: this is a user's configuration mistake, not a crash.
            Console.Error.WriteLine($"error: {error}");
            Environment.Exit(ConfigurationErrorExitCode);
        }

        builder.Services.AddSingleton(settings);
        builder.AddTraceAppConsoleLogging(settings.LogFormat);
        builder.AddTraceAppTelemetry(settings);
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [HealthCheckExtensions.LiveTag]);
        if (builder is not WebApplicationBuilder)
        {
            builder.Services.AddHostedService<HealthEndpointServer>();
        }

        builder.AddHttpClientDefaults();
        return builder;
    }

    /// <summary>Maps <c>/health</c> (every check) and <c>/alive</c> (liveness only); neither is traced.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        return app;
    }
}
