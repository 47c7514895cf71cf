using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace TraceApp.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry as the Aspire template configures it (ASP.NET Core, HttpClient, gRPC client and runtime
/// instrumentation; OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), decided by TraceApp's
/// <see cref="TelemetrySettings"/>:
/// <list type="bullet">
/// <item>tracing off: nothing is recorded, not even by packages that build a tracer provider of their own;</item>
/// <item>tracing on: <c>TraceApp.*</c> sources plus the instrumentations, exported as the settings say (none,
/// stdout or OTLP);</item>
/// <item>exporter <c>otlp</c>: metrics and logs go over OTLP too (metrics: ASP.NET Core, Kestrel, HttpClient,
/// runtime and <c>TraceApp.*</c> meters).</item>
/// </list>
/// </summary>
public static class TraceAppOpenTelemetry
{
    /// <summary>
    /// Makes the ASP.NET Core instrumentation name a gRPC request's span <c>package.Service/Method</c> with the
    /// <c>rpc.*</c> attributes and a status from <c>grpc-status</c> (an experimental switch of the package, on by
    /// default here; set it to false to get plain HTTP spans).
    /// </summary>
    public const string AspNetCoreGrpcSupportKey = "OTEL_DOTNET_EXPERIMENTAL_ASPNETCORE_ENABLE_GRPC_INSTRUMENTATION";

    public static IHostApplicationBuilder AddTraceAppOpenTelemetry(this IHostApplicationBuilder builder, TelemetrySettings settings)
    {
        InstallPropagator();
        if (!settings.TracingEnabled)
        {
            // A package such as Aspire.Npgsql builds a tracer provider whatever we decide: it samples nothing.
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.SetSampler(new AlwaysOffSampler()));
        }

        var exportOtlp = settings.Exporter == TraceExporterKind.Otlp;
        if (!settings.TracingEnabled && !exportOtlp)
        {
            return builder;
        }

        var otel = builder.Services.AddOpenTelemetry().ConfigureResource(resource => TraceAppResource.Configure(
            resource, builder.Configuration, TraceAppResource.DefaultServiceName(builder.Environment.ApplicationName)));
        if (settings.TracingEnabled)
        {
            if (string.IsNullOrWhiteSpace(builder.Configuration[AspNetCoreGrpcSupportKey]))
            {
                builder.Configuration.AddInMemoryCollection([new(AspNetCoreGrpcSupportKey, "true")]);
            }

            otel.WithTracing(tracing => tracing
                .AddSource(TraceAppTelemetry.SourceWildcard)
                .AddAspNetCoreInstrumentation(options => options.Filter = IsTraced)
                // One Client span per gRPC call (package.Service/Method, rpc.* attributes, error status), whose
                // context the package writes into traceparent itself: the HTTP/2 request under it adds nothing.
                .AddGrpcClientInstrumentation(options => options.SuppressDownstreamInstrumentation = true)
                .AddHttpClientInstrumentation()
                .AddTraceAppExporter(settings));
        }

        if (exportOtlp)
        {
            // Batch delays, export timeouts and the metric interval come from the SDK's own OTEL_* variables.
            otel.WithMetrics(metrics => metrics
                .AddMeter(TraceAppTelemetry.SourceWildcard)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter(options => settings.ApplyTo(options, "v1/metrics")));
            otel.WithLogging(
                logging => logging.AddOtlpExporter(options => settings.ApplyTo(options, "v1/logs")),
                options =>
                {
                    options.IncludeFormattedMessage = true;
                    options.IncludeScopes = true;
                });
        }

        return builder;
    }

    /// <summary>
    /// W3C trace context + baggage as OpenTelemetry's process propagator, which the ASP.NET Core and HttpClient
    /// instrumentations inject and extract with.
    /// </summary>
    public static void InstallPropagator() =>
        Sdk.SetDefaultTextMapPropagator(new CompositeTextMapPropagator([new TraceContextPropagator(), new BaggagePropagator()]));

    private static bool IsTraced(HttpContext context) =>
        !TraceAppTelemetry.UntracedPaths.Any(path => context.Request.Path.StartsWithSegments(path));
}
