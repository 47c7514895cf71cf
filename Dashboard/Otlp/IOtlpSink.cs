using TraceApp.Dashboard.Otlp.Collector.Logs;
using TraceApp.Dashboard.Otlp.Collector.Metrics;
using TraceApp.Dashboard.Otlp.Collector.Trace;

namespace TraceApp.Dashboard.Otlp;

/// <summary>
/// What the OTLP receivers (gRPC and HTTP) hand every accepted export to: the telemetry store, or a recorder in
/// tests. Called concurrently, once per export, after the request has been authenticated and parsed.
/// </summary>
public interface IOtlpSink
{
    OtlpIngestResult AddTraces(ExportTraceServiceRequest request);

    OtlpIngestResult AddLogs(ExportLogsServiceRequest request);

    OtlpIngestResult AddMetrics(ExportMetricsServiceRequest request);
}
