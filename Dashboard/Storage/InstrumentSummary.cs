namespace TraceApp.Dashboard.Storage;

/// <summary>An instrument (a metric of one scope) of one resource, as the Metrics page lists it.</summary>
public sealed record InstrumentSummary(
    TelemetryResource Resource,
    string ScopeName,
    string Name,
    string Description,
    string Unit,
    MetricKind Kind,
    bool IsMonotonic,
    MetricTemporality Temporality,
    int SeriesCount,
    DateTimeOffset LastUpdated);
