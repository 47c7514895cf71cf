namespace TraceApp.Dashboard.Storage;

/// <summary>
/// A row of the Resources page. <see cref="DisplayName"/> is the service name, or the resource id when several
/// instances share that name.
/// </summary>
public sealed record ResourceSummary(TelemetryResource Resource, string DisplayName, bool HasTraces, bool HasLogs, bool HasMetrics);
