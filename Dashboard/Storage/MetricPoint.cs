namespace TraceApp.Dashboard.Storage;

/// <summary>
/// One point of a time series: <see cref="Value"/> for gauges and sums, <see cref="Distribution"/> for histograms
/// and summaries.
/// </summary>
public sealed record MetricPoint(long StartTimeUnixNano, long TimeUnixNano, double? Value, DistributionValue? Distribution = null)
{
    public DateTimeOffset Time => UnixNanos.ToDateTimeOffset(TimeUnixNano);
}

