using Grpc.Core;
using TraceApp.Dashboard.Otlp.Collector.Logs;
using TraceApp.Dashboard.Otlp.Collector.Metrics;
using TraceApp.Dashboard.Otlp.Collector.Trace;

namespace TraceApp.Dashboard.Otlp;

// OTLP/gRPC: the three collector services' Export over the sink. Authentication and the size limit are checked
// before these run (OtlpRequestGuardMiddleware, Grpc.AspNetCore). Each has a BindServiceMethod attribute of its own,
// which Grpc.AspNetCore finds before the generated base's: it binds the generated methods through OtlpGrpcBinder, so
// that a request message that does not parse is INVALID_ARGUMENT rather than UNKNOWN. The second parameter must be
// the generated base, which is where Grpc.AspNetCore looks for the overridden Export.

[BindServiceMethod(typeof(OtlpTraceGrpcService), nameof(BindService))]
internal sealed class OtlpTraceGrpcService(IOtlpSink sink) : TraceService.TraceServiceBase
{
    public static void BindService(ServiceBinderBase binder, TraceService.TraceServiceBase? service) =>
        TraceService.BindService(new OtlpGrpcBinder(binder), service);

    public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context) =>
        Task.FromResult(OtlpExportResponses.Traces(sink.AddTraces(request)));
}

[BindServiceMethod(typeof(OtlpLogsGrpcService), nameof(BindService))]
internal sealed class OtlpLogsGrpcService(IOtlpSink sink) : LogsService.LogsServiceBase
{
    public static void BindService(ServiceBinderBase binder, LogsService.LogsServiceBase? service) =>
        LogsService.BindService(new OtlpGrpcBinder(binder), service);

    public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context) =>
        Task.FromResult(OtlpExportResponses.Logs(sink.AddLogs(request)));
}

[BindServiceMethod(typeof(OtlpMetricsGrpcService), nameof(BindService))]
internal sealed class OtlpMetricsGrpcService(IOtlpSink sink) : MetricsService.MetricsServiceBase
{
    public static void BindService(ServiceBinderBase binder, MetricsService.MetricsServiceBase? service) =>
        MetricsService.BindService(new OtlpGrpcBinder(binder), service);

    public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context) =>
        Task.FromResult(OtlpExportResponses.Metrics(sink.AddMetrics(request)));
}
