namespace TraceApp.Dashboard.Storage;

/// <summary>What the Traces page filters by; every filter given must hold. Results are newest first.</summary>
public sealed record TraceQuery
{
    /// <summary>A service name (every instance) or resource id; the trace must have a span from it.</summary>
    public string? Resource { get; init; }

    /// <summary>Text some span's name contains, ignoring case.</summary>
    public string? Name { get; init; }

    /// <summary>Each must be carried by some span of the trace (or that span's resource).</summary>
    public IReadOnlyList<AttributeFilter> Attributes { get; init; } = [];

    public DurationFilter? Duration { get; init; }

    /// <summary>Traces that started at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Traces that started before this time.</summary>
    public DateTimeOffset? To { get; init; }

    public bool ErrorsOnly { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 50;

    internal bool IsUnfiltered =>
        Resource is null && Name is null && Attributes.Count == 0 && Duration is null && From is null && To is null && !ErrorsOnly;
}
