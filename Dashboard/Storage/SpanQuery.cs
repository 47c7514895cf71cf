namespace TraceApp.Dashboard.Storage;

/// <summary>Spans across traces (newest trace first, a trace's spans in start order); every filter given must hold.</summary>
public sealed record SpanQuery
{
    /// <summary>A service name (every instance) or resource id the span came from.</summary>
    public string? Resource { get; init; }

    public TraceId? TraceId { get; init; }

    /// <summary>Text the span's name contains, ignoring case.</summary>
    public string? Name { get; init; }

    /// <summary>Spans that started at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Spans that started before this time.</summary>
    public DateTimeOffset? To { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 100;
}
