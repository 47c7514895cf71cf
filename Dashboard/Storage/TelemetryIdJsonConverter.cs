using System.Text.Json;
using System.Text.Json.Serialization;

namespace TraceApp.Dashboard.Storage;

/// <summary>Writes trace and span ids as the hex strings every OTLP tool shows, not as their two numbers.</summary>
internal static class TelemetryIdJsonConverter
{
    internal sealed class ForTraceId : JsonConverter<TraceId>
    {
        public override TraceId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TraceId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("Expected a trace id of 32 hex digits.");

        public override void Write(Utf8JsonWriter writer, TraceId value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }

    internal sealed class ForSpanId : JsonConverter<SpanId>
    {
        public override SpanId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { Length: 0 } ? default
            : SpanId.TryParse(reader.GetString(), out var id) ? id
            : throw new JsonException("Expected a span id of 16 hex digits.");

        public override void Write(Utf8JsonWriter writer, SpanId value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}
