using TraceApp.Dashboard.Otlp.Collector.Logs;
using TraceApp.Dashboard.Otlp.Collector.Metrics;
using TraceApp.Dashboard.Otlp.Collector.Trace;

namespace TraceApp.Dashboard.Otlp;

/// <summary>
/// The Export responses for a sink's result. OTLP wants <c>partial_success</c> left unset when everything was
/// accepted, and set (count and/or message) otherwise; both transports answer with these.
/// </summary>
internal static class OtlpExportResponses
{
    public static ExportTraceServiceResponse Traces(OtlpIngestResult result) => result.IsPartialSuccess
        ? new() { PartialSuccess = new() { RejectedSpans = result.Rejected, ErrorMessage = result.ErrorMessage ?? "" } }
        : new();

    public static ExportLogsServiceResponse Logs(OtlpIngestResult result) => result.IsPartialSuccess
        ? new() { PartialSuccess = new() { RejectedLogRecords = result.Rejected, ErrorMessage = result.ErrorMessage ?? "" } }
        : new();

    public static ExportMetricsServiceResponse Metrics(OtlpIngestResult result) => result.IsPartialSuccess
        ? new() { PartialSuccess = new() { RejectedDataPoints = result.Rejected, ErrorMessage = result.ErrorMessage ?? "" } }
        : new();
}
