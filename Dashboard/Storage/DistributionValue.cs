using System.Collections.Immutable;

namespace TraceApp.Dashboard.Storage;

/// <summary>
/// A histogram or summary point. Explicit-bucket histograms carry their bounds and counts (one more count than
/// bounds); summaries carry quantiles; exponential histograms only count, sum, min and max.
/// </summary>
public sealed record DistributionValue(ulong Count, double? Sum, double? Min, double? Max)
{
    public ImmutableArray<double> ExplicitBounds { get; init; } = [];

    public ImmutableArray<ulong> BucketCounts { get; init; } = [];

    public ImmutableArray<QuantileValue> Quantiles { get; init; } = [];
}

public sealed record QuantileValue(double Quantile, double Value);
