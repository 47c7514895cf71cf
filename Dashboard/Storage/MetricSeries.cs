using System.Collections.Immutable;

namespace TraceApp.Dashboard.Storage;

/// <summary>The points of one attribute set of an instrument, oldest first.</summary>
public sealed record MetricSeries(ImmutableArray<KeyValuePair<string, string>> Attributes, IReadOnlyList<MetricPoint> Points);

