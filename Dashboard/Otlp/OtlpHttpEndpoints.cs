using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TraceApp.Dashboard.Configuration;
using TraceApp.Dashboard.Otlp.Collector.Logs;
using TraceApp.Dashboard.Otlp.Collector.Metrics;
using TraceApp.Dashboard.Otlp.Collector.Trace;

namespace TraceApp.Dashboard.Otlp;

/// <summary>
/// OTLP/HTTP: <c>POST /v1/traces</c>, <c>/v1/logs</c> and <c>/v1/metrics</c> with protobuf
/// (<c>application/x-protobuf</c>) or JSON (<c>application/json</c>) bodies, optionally gzip-encoded, answered in
/// the request's format. See <see cref="OtlpHttpExportHandler"/> for what is refused and how.
/// </summary>
public static class OtlpHttpEndpoints
{
    public const string ProtobufContentType = OtlpHttpFormats.ProtobufContentType;
    public const string JsonContentType = OtlpHttpFormats.JsonContentType;
    public const int MaxBodyBytes = OtlpOptions.DefaultMaxRequestSize;

    /// <summary>Maps the three export endpoints onto <paramref name="sink"/>; the returned group takes conventions.</summary>
    public static RouteGroupBuilder MapOtlpHttp(this IEndpointRouteBuilder endpoints, IOtlpSink sink, int maxRequestSize = MaxBodyBytes) =>
        Map(endpoints, _ => sink, maxRequestSize);

    /// <summary>Maps the export endpoints onto a test recorder, which also keeps each export's request headers.</summary>
    public static RouteGroupBuilder MapOtlpHttp(this IEndpointRouteBuilder endpoints, ReceivedTelemetry telemetry) =>
        Map(endpoints, context => telemetry.WithHeaders(Headers(context)), MaxBodyBytes);

    private static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints, Func<HttpContext, IOtlpSink> sinkFor, int maxRequestSize)
    {
        var logger = endpoints.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger(typeof(OtlpHttpEndpoints).FullName!)
            ?? NullLogger.Instance;
        var handler = new OtlpHttpExportHandler(maxRequestSize, logger);
        var group = endpoints.MapGroup("/v1");
        group.MapPost("/traces", context => handler.HandleAsync(context, ExportTraceServiceRequest.Parser,
            request => OtlpExportResponses.Traces(sinkFor(context).AddTraces(request))));
        group.MapPost("/logs", context => handler.HandleAsync(context, ExportLogsServiceRequest.Parser,
            request => OtlpExportResponses.Logs(sinkFor(context).AddLogs(request))));
        group.MapPost("/metrics", context => handler.HandleAsync(context, ExportMetricsServiceRequest.Parser,
            request => OtlpExportResponses.Metrics(sinkFor(context).AddMetrics(request))));
        return group;
    }

    private static Dictionary<string, string> Headers(HttpContext context) =>
        context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
}
