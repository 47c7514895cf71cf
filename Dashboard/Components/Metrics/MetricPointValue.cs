using TraceApp.Dashboard.Storage;

namespace TraceApp.Dashboard.Components.Metrics;

/// <summary>What a histogram's chart shows: how many values were recorded, or their mean.</summary>
public enum HistogramView
{
    Count,
    Mean,
}

/// <summary>The number a chart plots for a point: a gauge's or sum's value, or a histogram's count or mean.</summary>
public static class MetricPointValue
{
    public static double? Of(MetricPoint point, HistogramView view) =>
        point.Value ?? (point.Distribution is { } distribution ? Of(distribution, view) : null);

    public static double? Of(DistributionValue distribution, HistogramView view) => view switch
    {
        HistogramView.Count => distribution.Count,
        _ => Mean(distribution),
    };

    public static double? Mean(DistributionValue distribution) =>
        distribution is { Count: > 0, Sum: { } sum } ? sum / distribution.Count : null;

    public static bool IsDistribution(MetricKind kind) =>
        kind is MetricKind.Histogram or MetricKind.ExponentialHistogram or MetricKind.Summary;

    /// <summary>A series' attributes as one line, e.g. <c>http.route=/jobs, status=200</c>.</summary>
    public static string Label(MetricSeries series) =>
        series.Attributes.IsEmpty ? "(no attributes)" : string.Join(", ", series.Attributes.Select(a => $"{a.Key}={a.Value}"));
}
