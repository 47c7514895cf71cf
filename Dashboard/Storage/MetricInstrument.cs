using System.Collections.Immutable;
using System.Text;

namespace TraceApp.Dashboard.Storage;

/// <summary>
/// One instrument's time series, keyed by attribute set, each keeping its newest points up to the limit.
/// Mutable: only touched under the metric store's lock.
/// </summary>
internal sealed class MetricInstrument(TelemetryResource resource, string scopeName, string name, TelemetryStoreOptions options)
{
    private readonly Dictionary<string, Series> _series = new(StringComparer.Ordinal);
    private long _lastUpdated;

    public string Description { get; set; } = "";

    public string Unit { get; set; } = "";

    public MetricKind Kind { get; set; }

    public bool IsMonotonic { get; set; }

    public MetricTemporality Temporality { get; set; }

    /// <summary>Adds a point; false when it would start a series beyond the per-instrument limit.</summary>
    public bool Add(ImmutableArray<KeyValuePair<string, string>> attributes, MetricPoint point)
    {
        var key = SeriesKey(attributes);
        if (!_series.TryGetValue(key, out var series))
        {
            if (_series.Count >= options.MaxSeriesPerInstrument)
            {
                return false;
            }

            _series.Add(key, series = new Series(attributes));
        }

        // An exporter that resends a batch sends points the series already has; a point older than the newest
        // would put the series out of order.
        if (series.Points.Count == 0 || point.TimeUnixNano > series.NewestTime)
        {
            if (series.Points.Count == options.MaxMetricPointsPerSeries)
            {
                series.Points.Dequeue();
            }

            series.Points.Enqueue(point);
            series.NewestTime = point.TimeUnixNano;
        }

        _lastUpdated = Math.Max(_lastUpdated, point.TimeUnixNano);
        return true;
    }

    public InstrumentSummary Summary() => new(
        resource, scopeName, name, Description, Unit, Kind, IsMonotonic, Temporality, _series.Count,
        UnixNanos.ToDateTimeOffset(_lastUpdated));

    public InstrumentData Data(long fromUnixNano) => new(
        Summary(),
        [.. _series.Values.Select(s => new MetricSeries(s.Attributes, [.. s.Points.Where(p => p.TimeUnixNano >= fromUnixNano)]))]);

    private static string SeriesKey(ImmutableArray<KeyValuePair<string, string>> attributes)
    {
        if (attributes.IsEmpty)
        {
            return "";
        }

        var key = new StringBuilder();
        foreach (var (k, v) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            key.Append(k).Append('\u001f').Append(v).Append('\u001e');
        }

        return key.ToString();
    }

    private sealed class Series(ImmutableArray<KeyValuePair<string, string>> attributes)
    {
        public ImmutableArray<KeyValuePair<string, string>> Attributes { get; } = attributes;

        public Queue<MetricPoint> Points { get; } = new();

        public long NewestTime { get; set; }
    }
}
