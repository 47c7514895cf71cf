namespace TraceApp.Dashboard.Storage;

/// <summary>OTLP's metric data types.</summary>
public enum MetricKind
{
    Gauge,
    Sum,
    Histogram,
    ExponentialHistogram,
    Summary,
}
