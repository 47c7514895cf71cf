using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TraceApp.ServiceDefaults.Telemetry;

namespace TraceApp.Benchmarks.Workflows;

/// <summary>
/// The benchmark process's one OpenTelemetry setup (ServiceDefaults' tracer provider, as one service has one),
/// shared by the clients and every in-process worker runtime: ActivityListeners are process-wide, so a provider
/// per worker host would record each span several times.
/// </summary>
internal static class BenchmarkTelemetry
{
    public static async Task<IHost> StartAsync(WorkflowsBenchmarkOptions options, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ApplicationName = "workflows-benchmark" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [TelemetrySettings.EnabledKey] = options.Tracing ? "true" : "false",
            [TelemetrySettings.ExporterKey] = options.OtlpEndpoint is null ? "none" : "otlp",
            [TelemetrySettings.OtelEndpointKey] = options.OtlpEndpoint,
            ["OTEL_SERVICE_NAME"] = "workflows-benchmark",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.ConfigureOpenTelemetry();
        var host = builder.Build();
        await host.StartAsync(ct);
        return host;
    }
}
