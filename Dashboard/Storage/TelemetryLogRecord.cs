using System.Collections.Immutable;

namespace TraceApp.Dashboard.Storage;

/// <summary>One stored log record: immutable, with ids held as numbers and strings shared with other records.</summary>
public sealed record TelemetryLogRecord
{
    /// <summary>When the event happened, or when it was observed if the sender gave no event time.</summary>
    public long TimeUnixNano { get; init; }

    /// <summary>OTLP's severity number, 0 when unspecified.</summary>
    public int SeverityNumber { get; init; }

    public string? SeverityText { get; init; }

    /// <summary>The body as text.</summary>
    public required string Message { get; init; }

    public string? EventName { get; init; }

    public ImmutableArray<KeyValuePair<string, string>> Attributes { get; init; } = [];

    public int DroppedAttributesCount { get; init; }

    /// <summary>Empty when the record was not written inside a span.</summary>
    public TraceId TraceId { get; init; }

    public SpanId SpanId { get; init; }

    public required TelemetryResource Resource { get; init; }

    public required TelemetryScope Scope { get; init; }

    public LogSeverity Severity => SeverityNumber switch
    {
        >= 1 and <= 24 => (LogSeverity)((SeverityNumber - 1) / 4 + 1),
        _ => LogSeverity.Unspecified,
    };

    public DateTimeOffset Time => UnixNanos.ToDateTimeOffset(TimeUnixNano);

    public string? Attribute(string key) => TelemetryAttributes.Find(Attributes, key);

    /// <summary>Arrival order; breaks ties between records with the same time.</summary>
    internal long Sequence { get; init; }
}
