using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenTelemetry.Resources;

namespace TraceApp.ServiceDefaults.Telemetry;

/// <summary>
/// Writes one finished span as a single-line JSON object: ids as lower-case hex, times as RFC 3339 UTC,
/// attributes as an object (arrays stay arrays), plus events, links, status and the resource.
/// </summary>
public static class SpanJsonWriter
{
    public static string ToJsonLine(Activity activity, Resource? resource)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = false }))
        {
            Write(json, activity, resource);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter json, Activity activity, Resource? resource)
    {
        json.WriteStartObject();
        json.WriteString("name", activity.DisplayName);
        json.WriteString("kind", activity.Kind.ToString());
        json.WriteString("trace_id", activity.TraceId.ToHexString());
        json.WriteString("span_id", activity.SpanId.ToHexString());
        if (activity.ParentSpanId != default)
        {
            json.WriteString("parent_span_id", activity.ParentSpanId.ToHexString());
        }

        json.WriteString("start_time", activity.StartTimeUtc.ToString("O", CultureInfo.InvariantCulture));
        json.WriteString("end_time", (activity.StartTimeUtc + activity.Duration).ToString("O", CultureInfo.InvariantCulture));
        json.WriteNumber("duration_ms", Math.Round(activity.Duration.TotalMilliseconds, 3));
        json.WriteString("status", activity.Status.ToString());
        if (!string.IsNullOrEmpty(activity.StatusDescription))
        {
            json.WriteString("status_description", activity.StatusDescription);
        }

        WriteAttributes(json, "attributes", activity.TagObjects);

        if (activity.Events.Any())
        {
            json.WriteStartArray("events");
            foreach (var activityEvent in activity.Events)
            {
                json.WriteStartObject();
                json.WriteString("name", activityEvent.Name);
                json.WriteString("time", activityEvent.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                WriteAttributes(json, "attributes", activityEvent.Tags);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (activity.Links.Any())
        {
            json.WriteStartArray("links");
            foreach (var link in activity.Links)
            {
                json.WriteStartObject();
                json.WriteString("trace_id", link.Context.TraceId.ToHexString());
                json.WriteString("span_id", link.Context.SpanId.ToHexString());
                WriteAttributes(json, "attributes", link.Tags ?? []);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteStartObject("scope");
        json.WriteString("name", activity.Source.Name);
        if (!string.IsNullOrEmpty(activity.Source.Version))
        {
            json.WriteString("version", activity.Source.Version);
        }

        json.WriteEndObject();
        if (resource is not null)
        {
            WriteAttributes(json, "resource", resource.Attributes!);
        }

        json.WriteEndObject();
    }

    private static void WriteAttributes(Utf8JsonWriter json, string property, IEnumerable<KeyValuePair<string, object?>> attributes)
    {
        json.WriteStartObject(property);
        foreach (var (key, value) in attributes)
        {
            json.WritePropertyName(key);
            WriteValue(json, value);
        }

        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): json.WriteNumberValue(f); break;
            case short or byte or uint or ulong or sbyte or ushort or decimal:
                json.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case System.Collections.IEnumerable items and not string:
                json.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(json, item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
