using Google.Protobuf.Collections;
using TraceApp.Dashboard.Otlp.Common;
using TraceApp.Dashboard.Otlp.Metrics;

namespace TraceApp.Dashboard.Storage;

/// <summary>
/// Reads the data points of an OTLP metric. A point is null when it is invalid (no value; bucket counts that do
/// not match the bounds) and is left out when the sender flagged it as having no recorded value.
/// </summary>
internal static class MetricPointReader
{
    private const uint NoRecordedValue = (uint)DataPointFlags.NoRecordedValueMask;

    public static MetricKind? Kind(Metric metric) => metric.DataCase switch
    {
        Metric.DataOneofCase.Gauge => MetricKind.Gauge,
        Metric.DataOneofCase.Sum => MetricKind.Sum,
        Metric.DataOneofCase.Histogram => MetricKind.Histogram,
        Metric.DataOneofCase.ExponentialHistogram => MetricKind.ExponentialHistogram,
        Metric.DataOneofCase.Summary => MetricKind.Summary,
        _ => null,
    };

    public static MetricTemporality Temporality(Metric metric)
    {
        var temporality = metric.DataCase switch
        {
            Metric.DataOneofCase.Sum => metric.Sum.AggregationTemporality,
            Metric.DataOneofCase.Histogram => metric.Histogram.AggregationTemporality,
            Metric.DataOneofCase.ExponentialHistogram => metric.ExponentialHistogram.AggregationTemporality,
            _ => AggregationTemporality.Unspecified,
        };
        return temporality is AggregationTemporality.Delta or AggregationTemporality.Cumulative
            ? (MetricTemporality)temporality
            : MetricTemporality.Unspecified;
    }

    public static IEnumerable<(RepeatedField<KeyValue> Attributes, MetricPoint? Point)> Read(Metric metric) => metric.DataCase switch
    {
        Metric.DataOneofCase.Gauge => Numbers(metric.Gauge.DataPoints),
        Metric.DataOneofCase.Sum => Numbers(metric.Sum.DataPoints),
        Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints
            .Where(p => (p.Flags & NoRecordedValue) == 0)
            .Select(p => (p.Attributes, Histogram(p))),
        Metric.DataOneofCase.ExponentialHistogram => metric.ExponentialHistogram.DataPoints
            .Where(p => (p.Flags & NoRecordedValue) == 0)
            .Select(p => (p.Attributes, (MetricPoint?)Point(p.StartTimeUnixNano, p.TimeUnixNano,
                new DistributionValue(p.Count, p.HasSum ? p.Sum : null, p.HasMin ? p.Min : null, p.HasMax ? p.Max : null)))),
        Metric.DataOneofCase.Summary => metric.Summary.DataPoints
            .Where(p => (p.Flags & NoRecordedValue) == 0)
            .Select(p => (p.Attributes, (MetricPoint?)Point(p.StartTimeUnixNano, p.TimeUnixNano,
                new DistributionValue(p.Count, p.Sum, null, null)
                {
                    Quantiles = [.. p.QuantileValues.Select(q => new QuantileValue(q.Quantile, q.Value))],
                }))),
        _ => [],
    };

    private static IEnumerable<(RepeatedField<KeyValue>, MetricPoint?)> Numbers(RepeatedField<NumberDataPoint> points) =>
        points.Where(p => (p.Flags & NoRecordedValue) == 0).Select(p => (p.Attributes, p.ValueCase switch
        {
            NumberDataPoint.ValueOneofCase.AsDouble => new MetricPoint(Nanos(p.StartTimeUnixNano), Nanos(p.TimeUnixNano), p.AsDouble),
            NumberDataPoint.ValueOneofCase.AsInt => new MetricPoint(Nanos(p.StartTimeUnixNano), Nanos(p.TimeUnixNano), p.AsInt),
            _ => null,
        }));

    private static MetricPoint? Histogram(HistogramDataPoint p)
    {
        if (p.BucketCounts.Count != 0 && p.BucketCounts.Count != p.ExplicitBounds.Count + 1)
        {
            return null;
        }

        return Point(p.StartTimeUnixNano, p.TimeUnixNano, new DistributionValue(
            p.Count, p.HasSum ? p.Sum : null, p.HasMin ? p.Min : null, p.HasMax ? p.Max : null)
        {
            ExplicitBounds = [.. p.ExplicitBounds],
            BucketCounts = [.. p.BucketCounts],
        });
    }

    private static MetricPoint Point(ulong start, ulong time, DistributionValue distribution) =>
        new(Nanos(start), Nanos(time), null, distribution);

    private static long Nanos(ulong nanos) => UnixNanos.FromOtlp(nanos);
}
