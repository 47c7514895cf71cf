using TraceApp.Dashboard.Otlp.Collector.Logs;
using TraceApp.Dashboard.Otlp.Collector.Metrics;
using TraceApp.Dashboard.Otlp.Collector.Trace;
using TraceApp.Dashboard.Storage;

namespace TraceApp.Dashboard.Otlp;

/// <summary>The receivers' exports go into the dashboard's store; what it refuses comes back as partial success.</summary>
public sealed class TelemetryStoreOtlpSink(TelemetryStore store) : IOtlpSink
{
    public OtlpIngestResult AddTraces(ExportTraceServiceRequest request) =>
        Result(store.AddTraces(request), "spans with an invalid trace or span id were rejected");

    public OtlpIngestResult AddLogs(ExportLogsServiceRequest request) =>
        Result(store.AddLogs(request), "log records with an invalid trace or span id were rejected");

    public OtlpIngestResult AddMetrics(ExportMetricsServiceRequest request) =>
        Result(store.AddMetrics(request), "data points that could not be stored were rejected");

    private static OtlpIngestResult Result(int rejected, string reason) =>
        rejected == 0 ? OtlpIngestResult.Accepted : new OtlpIngestResult(rejected, $"{rejected} {reason}.");
}
