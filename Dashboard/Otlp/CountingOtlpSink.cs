using TraceApp.Dashboard.Otlp.Collector.Logs;
using TraceApp.Dashboard.Otlp.Collector.Metrics;
using TraceApp.Dashboard.Otlp.Collector.Trace;

namespace TraceApp.Dashboard.Otlp;

/// <summary>
/// Accepts everything and keeps only counts: what the standalone dashboard uses until the telemetry store lands,
/// and what the ingest benchmark measures against (no storage cost in the figure).
/// </summary>
public sealed class CountingOtlpSink : IOtlpSink
{
    private long _spans;
    private long _logRecords;
    private long _dataPoints;
    private long _exports;

    public long Spans => Interlocked.Read(ref _spans);

    public long LogRecords => Interlocked.Read(ref _logRecords);

    public long DataPoints => Interlocked.Read(ref _dataPoints);

    public long Exports => Interlocked.Read(ref _exports);

    public OtlpIngestResult AddTraces(ExportTraceServiceRequest request) => Count(ref _spans, OtlpItemCounts.Spans(request));

    public OtlpIngestResult AddLogs(ExportLogsServiceRequest request) => Count(ref _logRecords, OtlpItemCounts.LogRecords(request));

    public OtlpIngestResult AddMetrics(ExportMetricsServiceRequest request) => Count(ref _dataPoints, OtlpItemCounts.DataPoints(request));

    private OtlpIngestResult Count(ref long counter, long items)
    {
        Interlocked.Add(ref counter, items);
        Interlocked.Increment(ref _exports);
        return OtlpIngestResult.Accepted;
    }
}
