using System.Buffers;
using System.Text;
using System.Text.Json;
using Google.Protobuf;

namespace TraceApp.Dashboard.Otlp;

/// <summary>
/// OTLP/JSON: the protobuf JSON mapping, except that trace and span ids are hex strings rather than base64.
/// The ids are rewritten to base64 in one streaming pass, then <see cref="JsonParser"/> reads the message
/// (enums as names or numbers, 64-bit integers as strings or numbers, unknown fields ignored).
/// </summary>
internal static class OtlpJson
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <summary>The id fields of spans, span links, log records and exemplars, in OTLP's and protobuf's spelling.</summary>
    private static readonly HashSet<string> IdFields =
        ["traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id"];

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <exception cref="InvalidDataException">The body is not OTLP/JSON for <typeparamref name="T"/>.</exception>
    public static T Parse<T>(ReadOnlySequence<byte> utf8) where T : IMessage, new()
    {
        try
        {
            return Parser.Parse<T>(HexIdsToBase64(utf8));
        }
        catch (Exception exception) when (exception is JsonException or InvalidProtocolBufferException
                                              or InvalidJsonException or FormatException or ArgumentException)
        {
            throw new InvalidDataException(exception.Message, exception);
        }
    }

    public static string Format(IMessage message) => JsonFormatter.Default.Format(message);

    private static string HexIdsToBase64(ReadOnlySequence<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        var output = new ArrayBufferWriter<byte>((int)Math.Min(utf8.Length + 64, Array.MaxLength));
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true }))
        {
            var inIdField = false;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        writer.WritePropertyName(name);
                        inIdField = IdFields.Contains(name);
                        continue;
                    case JsonTokenType.String:
                        writer.WriteStringValue(inIdField ? ToBase64IfHex(reader.GetString()!) : reader.GetString());
                        break;
                    case JsonTokenType.Number:
                        writer.WriteRawValue(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan, skipInputValidation: true);
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        writer.WriteBooleanValue(reader.GetBoolean());
                        break;
                    case JsonTokenType.Null:
                        writer.WriteNullValue();
                        break;
                    case JsonTokenType.StartObject:
                        writer.WriteStartObject();
                        break;
                    case JsonTokenType.EndObject:
                        writer.WriteEndObject();
                        break;
                    case JsonTokenType.StartArray:
                        writer.WriteStartArray();
                        break;
                    case JsonTokenType.EndArray:
                        writer.WriteEndArray();
                        break;
                }

                inIdField = false;
            }
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>
    /// Hex, as the OTLP/JSON spec says. Anything else is passed on as it is (some older exporters sent base64),
    /// and the protobuf parser rejects it if it is not base64 either.
    /// </summary>
    private static string ToBase64IfHex(string id) =>
        id.Length % 2 == 0 && !id.AsSpan().ContainsAnyExcept(HexDigits)
            ? Convert.ToBase64String(Convert.FromHexString(id))
            : id;
}
