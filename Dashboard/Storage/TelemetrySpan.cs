using System.Collections.Immutable;

namespace TraceApp.Dashboard.Storage;

/// <summary>
/// One stored span: immutable, with ids held as numbers, times as Unix nanoseconds and strings shared with other
/// spans. Queries hand these out directly, so a page can keep them as long as it likes.
/// </summary>
public sealed record TelemetrySpan
{
    public required TraceId TraceId { get; init; }

    public required SpanId SpanId { get; init; }

    /// <summary>Empty for a root span.</summary>
    public SpanId ParentSpanId { get; init; }

    public required string Name { get; init; }

    public TelemetrySpanKind Kind { get; init; }

    public SpanStatusCode Status { get; init; }

    public string? StatusMessage { get; init; }

    public long StartTimeUnixNano { get; init; }

    public long EndTimeUnixNano { get; init; }

    public required TelemetryResource Resource { get; init; }

    public required TelemetryScope Scope { get; init; }

    public ImmutableArray<KeyValuePair<string, string>> Attributes { get; init; } = [];

    /// <summary>Attributes the sender dropped plus those beyond the store's limit.</summary>
    public int DroppedAttributesCount { get; init; }

    public ImmutableArray<SpanEvent> Events { get; init; } = [];

    public ImmutableArray<SpanLink> Links { get; init; } = [];

    public DateTimeOffset StartTime => UnixNanos.ToDateTimeOffset(StartTimeUnixNano);

    public DateTimeOffset EndTime => UnixNanos.ToDateTimeOffset(EndTimeUnixNano);

    /// <summary>Zero when the sender's end time precedes its start time.</summary>
    public long DurationNanoseconds => Math.Max(0, EndTimeUnixNano - StartTimeUnixNano);

    public TimeSpan Duration => UnixNanos.ToTimeSpan(DurationNanoseconds);

    public bool HasError => Status == SpanStatusCode.Error;

    public string? Attribute(string key) => TelemetryAttributes.Find(Attributes, key);
}
