using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using TraceApp.Dashboard.Storage;

namespace TraceApp.Dashboard.Api;

/// <summary>
/// Writes stored telemetry in OTLP/JSON's shape (<c>resourceSpans</c> → <c>scopeSpans</c> → <c>spans</c>, and the
/// same for logs): lowerCamelCase names, ids as hex, times as Unix-nanosecond strings, enums as numbers. Values
/// are the store's display text, so every attribute is a <c>stringValue</c>.
/// </summary>
internal static class OtlpJsonWriter
{
    public static void WriteResourceSpans(Utf8JsonWriter json, IEnumerable<TelemetrySpan> spans) =>
        WriteByResourceAndScope(json, spans, s => s.Resource, s => s.Scope, ("resourceSpans", "scopeSpans", "spans"), WriteSpan);

    public static void WriteResourceLogs(Utf8JsonWriter json, IEnumerable<TelemetryLogRecord> records) =>
        WriteByResourceAndScope(json, records, r => r.Resource, r => r.Scope, ("resourceLogs", "scopeLogs", "logRecords"), WriteLogRecord);

    /// <summary>OTLP's nesting: items grouped by resource, then by scope, under the signal's three array names.</summary>
    private static void WriteByResourceAndScope<T>(
        Utf8JsonWriter json,
        IEnumerable<T> items,
        Func<T, TelemetryResource> resourceOf,
        Func<T, TelemetryScope> scopeOf,
        (string Resources, string Scopes, string Items) names,
        Action<Utf8JsonWriter, T> writeItem)
    {
        json.WriteStartArray(names.Resources);
        foreach (var byResource in items.GroupBy(resourceOf))
        {
            json.WriteStartObject();
            WriteResource(json, byResource.Key);
            json.WriteStartArray(names.Scopes);
            foreach (var byScope in byResource.GroupBy(scopeOf))
            {
                json.WriteStartObject();
                WriteScope(json, byScope.Key);
                json.WriteStartArray(names.Items);
                foreach (var item in byScope)
                {
                    writeItem(json, item);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static void WriteResource(Utf8JsonWriter json, TelemetryResource resource)
    {
        json.WriteStartObject("resource");
        WriteAttributes(json, "attributes", resource.Attributes);
        json.WriteEndObject();
    }

    private static void WriteScope(Utf8JsonWriter json, TelemetryScope scope)
    {
        json.WriteStartObject("scope");
        json.WriteString("name", scope.Name);
        if (scope.Version is not null)
        {
            json.WriteString("version", scope.Version);
        }

        json.WriteEndObject();
    }

    private static void WriteSpan(Utf8JsonWriter json, TelemetrySpan span)
    {
        json.WriteStartObject();
        json.WriteString("traceId", span.TraceId.ToString());
        json.WriteString("spanId", span.SpanId.ToString());
        json.WriteString("parentSpanId", span.ParentSpanId.ToString());
        json.WriteString("name", span.Name);
        json.WriteNumber("kind", (int)span.Kind);
        json.WriteString("startTimeUnixNano", Nanos(span.StartTimeUnixNano));
        json.WriteString("endTimeUnixNano", Nanos(span.EndTimeUnixNano));
        WriteAttributes(json, "attributes", span.Attributes);
        if (span.DroppedAttributesCount > 0)
        {
            json.WriteNumber("droppedAttributesCount", span.DroppedAttributesCount);
        }

        json.WriteStartArray("events");
        foreach (var spanEvent in span.Events)
        {
            json.WriteStartObject();
            json.WriteString("timeUnixNano", Nanos(spanEvent.TimeUnixNano));
            json.WriteString("name", spanEvent.Name);
            WriteAttributes(json, "attributes", spanEvent.Attributes);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("links");
        foreach (var link in span.Links)
        {
            json.WriteStartObject();
            json.WriteString("traceId", link.TraceId.ToString());
            json.WriteString("spanId", link.SpanId.ToString());
            WriteAttributes(json, "attributes", link.Attributes);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("status");
        json.WriteNumber("code", (int)span.Status);
        if (span.StatusMessage is not null)
        {
            json.WriteString("message", span.StatusMessage);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteLogRecord(Utf8JsonWriter json, TelemetryLogRecord record)
    {
        json.WriteStartObject();
        json.WriteString("timeUnixNano", Nanos(record.TimeUnixNano));
        json.WriteNumber("severityNumber", record.SeverityNumber);
        if (record.SeverityText is not null)
        {
            json.WriteString("severityText", record.SeverityText);
        }

        json.WriteStartObject("body");
        json.WriteString("stringValue", record.Message);
        json.WriteEndObject();
        if (record.EventName is not null)
        {
            json.WriteString("eventName", record.EventName);
        }

        WriteAttributes(json, "attributes", record.Attributes);
        json.WriteString("traceId", record.TraceId.ToString());
        json.WriteString("spanId", record.SpanId.ToString());
        json.WriteEndObject();
    }

    private static void WriteAttributes(Utf8JsonWriter json, string name, ImmutableArray<KeyValuePair<string, string>> attributes)
    {
        json.WriteStartArray(name);
        foreach (var (key, value) in attributes)
        {
            json.WriteStartObject();
            json.WriteString("key", key);
            json.WriteStartObject("value");
            json.WriteString("stringValue", value);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string Nanos(long value) => value.ToString(CultureInfo.InvariantCulture);
}
