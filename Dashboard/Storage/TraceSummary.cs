namespace TraceApp.Dashboard.Storage;

/// <summary>
/// A row of the Traces page: when it started, its root span (or the earliest span while the root has not
/// arrived, <see cref="HasRoot"/> false) with that span's resource, how long it took, whether a span failed, and
/// how many spans each resource contributed.
/// </summary>
public sealed record TraceSummary(
    TraceId TraceId,
    DateTimeOffset StartTime,
    TimeSpan Duration,
    string RootName,
    TelemetryResource RootResource,
    bool HasRoot,
    bool HasError,
    int SpanCount,
    IReadOnlyList<ResourceSpanCount> Resources);

public sealed record ResourceSpanCount(TelemetryResource Resource, int SpanCount);
