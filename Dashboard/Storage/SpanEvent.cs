using System.Collections.Immutable;

namespace TraceApp.Dashboard.Storage;

/// <summary>Something that happened during a span, such as an exception.</summary>
public sealed record SpanEvent(string Name, long TimeUnixNano, ImmutableArray<KeyValuePair<string, string>> Attributes)
{
    public DateTimeOffset Time => UnixNanos.ToDateTimeOffset(TimeUnixNano);

    public string? Attribute(string key) => TelemetryAttributes.Find(Attributes, key);
}
