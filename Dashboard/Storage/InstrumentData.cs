namespace TraceApp.Dashboard.Storage;

/// <summary>An instrument with every time series it has.</summary>
public sealed record InstrumentData(InstrumentSummary Summary, IReadOnlyList<MetricSeries> Series);
