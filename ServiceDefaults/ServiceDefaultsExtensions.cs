using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using TraceApp.ServiceDefaults.Health;
using TraceApp.ServiceDefaults.Logging;
using TraceApp.ServiceDefaults.Telemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// TraceApp's service defaults in the shape of Aspire's ServiceDefaults template: telemetry (with TraceApp's
/// settings, <c>--debug</c> and log correlation), health checks, service discovery and HttpClient resilience.
/// Under the AppHost every service's logs, traces and metrics reach the dashboard with no extra setup: Aspire
/// sets <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>_HEADERS</c>, <c>_PROTOCOL</c>, <c>OTEL_SERVICE_NAME</c> and
/// <c>OTEL_RESOURCE_ATTRIBUTES</c>, and all of them are honoured.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Exit code for a configuration error found at start (sysexits' EX_CONFIG).</summary>
    public const int ConfigurationErrorExitCode = TelemetrySettingsResolution.ConfigurationErrorExitCode;

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // TraceApp's one change to the template: retries only for idempotent methods, since retrying a POST
            // could enqueue the same job twice.
            http.AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>
    /// Resolves TraceApp's telemetry settings (file &lt; env &lt; flags; a bad value is one <c>error:</c> line and
    /// exit code 78), then console logs with <c>trace_id</c>/<c>span_id</c> on every line written inside a span,
    /// and OpenTelemetry traces, metrics and logs as the settings ask (see <see cref="TraceAppOpenTelemetry"/>).
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var settings = builder.ResolveTelemetrySettings();
        builder.AddTraceAppConsoleLogging(settings.LogFormat);
        builder.AddTraceAppOpenTelemetry(settings);
        return builder;
    }

    /// <summary>
    /// A <c>self</c> liveness check. A program without Kestrel of its own (a generic host such as the Worker) also
    /// gets <see cref="HealthEndpointServer"/>, so it answers <c>/health</c> and <c>/alive</c> like the others.
    /// </summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [HealthCheckExtensions.LiveTag]);
        if (builder is not WebApplicationBuilder)
        {
            builder.Services.AddHostedService<HealthEndpointServer>();
        }

        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check) and <c>/alive</c> (liveness only); neither is traced. Unlike the template
    /// they are mapped in every environment: the AppHost and the tests probe them, and the body never carries
    /// exception details.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        return app;
    }
}
