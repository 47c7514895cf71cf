namespace TraceApp.Dashboard.Storage;

/// <summary>
/// What the store holds and what it has let go of. Pages show the evicted counts so that a list at its bound,
/// whose oldest rows silently drop off, does not look frozen.
/// </summary>
public sealed record TelemetryStoreStats(
    long Version,
    int TraceCount,
    int SpanCount,
    long EvictedTraces,
    long EvictedSpans,
    int LogRecordCount,
    long EvictedLogRecords,
    int InstrumentCount,
    long RejectedSpans,
    long RejectedLogRecords,
    long RejectedDataPoints);
