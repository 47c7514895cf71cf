namespace TraceApp.Dashboard.Storage;

/// <summary>
/// Bounds of the in-memory telemetry store (config section <c>Dashboard:TelemetryLimits</c>). When a bound is
/// reached the oldest traces and log records are evicted first; attributes beyond the limits are dropped or
/// truncated.
/// </summary>
public sealed record TelemetryStoreOptions
{
    public const string SectionName = "Dashboard:TelemetryLimits";

    public int MaxTraces { get; init; } = 10_000;

    public int MaxLogRecords { get; init; } = 10_000;

    /// <summary>Attributes kept per span, event, link, log record, resource or data point; the rest are counted as dropped.</summary>
    public int MaxAttributeCount { get; init; } = 128;

    /// <summary>Longer attribute values (and span names, log messages, status messages) are truncated to this many characters.</summary>
    public int MaxAttributeLength { get; init; } = 4096;

    /// <summary>Spans kept per trace; further spans of a full trace are rejected.</summary>
    public int MaxSpansPerTrace { get; init; } = 10_000;

    public int MaxEventsPerSpan { get; init; } = 128;

    public int MaxLinksPerSpan { get; init; } = 128;

    /// <summary>Points kept per metric time series; the oldest are dropped first.</summary>
    public int MaxMetricPointsPerSeries { get; init; } = 1_000;

    /// <summary>Time series (distinct attribute sets) kept per instrument; points of further series are dropped.</summary>
    public int MaxSeriesPerInstrument { get; init; } = 1_000;

    /// <summary>Throws when a bound is not positive, so a bad configuration fails at start rather than at the first export.</summary>
    public void Validate()
    {
        Positive(MaxTraces, nameof(MaxTraces));
        Positive(MaxLogRecords, nameof(MaxLogRecords));
        Positive(MaxAttributeCount, nameof(MaxAttributeCount));
        Positive(MaxAttributeLength, nameof(MaxAttributeLength));
        Positive(MaxSpansPerTrace, nameof(MaxSpansPerTrace));
        Positive(MaxEventsPerSpan, nameof(MaxEventsPerSpan));
        Positive(MaxLinksPerSpan, nameof(MaxLinksPerSpan));
        Positive(MaxMetricPointsPerSeries, nameof(MaxMetricPointsPerSeries));
        Positive(MaxSeriesPerInstrument, nameof(MaxSeriesPerInstrument));
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{SectionName}:{name} must be greater than zero.");
        }
    }
}
