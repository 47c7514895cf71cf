using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace TraceApp.ServiceDefaults.Telemetry;

public static class OpenTelemetryExtensions
{
    /// <summary>
    /// Traces, metrics and logs as <paramref name="settings"/> ask: nothing recorded when tracing is off,
    /// spans recorded but not exported for <c>none</c> (log correlation), one JSON line per span for
    /// <c>stdout</c>, and traces + metrics + logs over OTLP for <c>otlp</c>.
    /// </summary>
    public static IHostApplicationBuilder AddTraceAppTelemetry(this IHostApplicationBuilder builder, TelemetrySettings settings)
    {
        InstallPropagator();

        if (!settings.TracingEnabled)
        {
            return builder;
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => ConfigureResource(resource, builder))
            .WithTracing(tracing =>
            {
                tracing.AddSource(TraceAppTelemetry.TraceSources)
                    .AddAspNetCoreInstrumentation(options => options.Filter = IsTraced)
                    .AddHttpClientInstrumentation(options => options.FilterHttpRequestMessage = IsTraced);
                if (settings.Exporter == TraceExporterKind.Stdout)
                {
                    // Synchronous: a span is printed the moment it ends, so nothing waits in a batch at exit.
                    tracing.AddProcessor(new SimpleActivityExportProcessor(new StdoutSpanExporter(Console.Out)));
                }
            });

        if (settings.Exporter != TraceExporterKind.Otlp)
        {
            return builder;
        }

        // Batch delays, export timeouts and the metric interval still come from the standard OTEL_* variables.
        otel.WithTracing(tracing => tracing.AddOtlpExporter(options => settings.ApplyTo(options, "v1/traces")));
        otel.WithMetrics(metrics => metrics
            .AddMeter(TraceAppTelemetry.Meters)
            .AddOtlpExporter(options => settings.ApplyTo(options, "v1/metrics")));
        otel.WithLogging(
            logging => logging.AddOtlpExporter(options => settings.ApplyTo(options, "v1/logs")),
            options =>
            {
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
            });
        return builder;
    }

    /// <summary>W3C trace context + baggage as the process propagator, for everything that injects or extracts (HttpClient, NATS, gRPC).</summary>
    public static void InstallPropagator() =>
        Sdk.SetDefaultTextMapPropagator(new CompositeTextMapPropagator([new TraceContextPropagator(), new BaggagePropagator()]));

    private static void ConfigureResource(ResourceBuilder resource, IHostApplicationBuilder builder)
    {
        // AddService would override the SDK's environment detector, so OTEL_SERVICE_NAME is passed through and the
        // application name is only the fallback; an instance id from OTEL_RESOURCE_ATTRIBUTES is kept as it is.
        var configuredName = builder.Configuration["OTEL_SERVICE_NAME"];
        var attributes = builder.Configuration["OTEL_RESOURCE_ATTRIBUTES"] ?? string.Empty;
        var version = Assembly.GetEntryAssembly()?
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
        resource.AddService(
            serviceName: string.IsNullOrWhiteSpace(configuredName)
                ? DefaultServiceName(builder.Environment.ApplicationName)
                : configuredName,
            serviceVersion: version,
            autoGenerateServiceInstanceId: !attributes.Contains("service.instance.id=", StringComparison.Ordinal));
    }

    /// <summary><c>TraceApp.Api</c> → <c>api</c>: the name the AppHost would give the same program.</summary>
    internal static string DefaultServiceName(string applicationName) =>
        applicationName[(applicationName.LastIndexOf('.') + 1)..].ToLowerInvariant();

    private static bool IsTraced(HttpContext context) =>
        !TraceAppTelemetry.UntracedPaths.Any(path => context.Request.Path.StartsWithSegments(path))
        && !GrpcRequests.IsGrpc(context.Request.ContentType);

    private static bool IsTraced(HttpRequestMessage request) =>
        !GrpcRequests.IsGrpc(request.Content?.Headers.ContentType?.MediaType);
}
