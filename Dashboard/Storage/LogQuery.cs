namespace TraceApp.Dashboard.Storage;

/// <summary>What the Structured logs page filters by; every filter given must hold. Results are newest first.</summary>
public sealed record LogQuery
{
    /// <summary>A service name (every instance) or resource id the record came from.</summary>
    public string? Resource { get; init; }

    /// <summary>Records at this level or above.</summary>
    public LogSeverity? MinSeverity { get; init; }

    /// <summary>Text the message contains, ignoring case.</summary>
    public string? Text { get; init; }

    /// <summary>Each must be carried by the record (or its resource).</summary>
    public IReadOnlyList<AttributeFilter> Attributes { get; init; } = [];

    public TraceId? TraceId { get; init; }

    public SpanId? SpanId { get; init; }

    /// <summary>Records at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Records before this time.</summary>
    public DateTimeOffset? To { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 100;
}
