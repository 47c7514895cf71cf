using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Google.Protobuf;

namespace TraceApp.Dashboard.Otlp;

/// <summary>
/// OTLP/JSON: the protobuf JSON mapping, except that trace and span ids are hex strings rather than base64. The
/// ids (of spans, span links, log records and exemplars) are rewritten to base64 in one pass, then
/// <see cref="JsonParser"/> reads the message (enums as names or numbers, 64-bit integers as strings or numbers,
/// unknown fields ignored).
/// </summary>
internal static class OtlpJson
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <summary>Trace ids are 16 bytes and span ids 8; anything longer is left for the protobuf parser to judge.</summary>
    private const int MaxIdBytes = 32;

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

    /// <summary>
    /// Copies the body as it is except for the values of id fields, which are spliced in as base64: no token is
    /// re-encoded, and the reader still checks that the whole body is well-formed JSON.
    /// </summary>
    private static string HexIdsToBase64(ReadOnlySequence<byte> utf8)
    {
        ReadOnlySpan<byte> json = utf8.IsSingleSegment ? utf8.FirstSpan : utf8.ToArray();
        var reader = new Utf8JsonReader(json);
        var output = new ArrayBufferWriter<byte>(json.Length);
        var copied = 0;
        var inIdField = false;
        Span<byte> id = stackalloc byte[MaxIdBytes];
        Span<byte> base64 = stackalloc byte[MaxIdBytes * 4 / 3 + 4];
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                inIdField = IsIdField(ref reader);
                continue;
            }

            if (inIdField && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence
                && TryHexToBase64(reader.ValueSpan, id, base64, out var written))
            {
                output.Write(json[copied..(int)reader.TokenStartIndex]);
                output.Write("\""u8);
                output.Write(base64[..written]);
                output.Write("\""u8);
                copied = (int)reader.BytesConsumed;
            }

            inIdField = false;
        }

        output.Write(json[copied..]);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static bool IsIdField(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("traceId"u8) || reader.ValueTextEquals("spanId"u8) || reader.ValueTextEquals("parentSpanId"u8)
        || reader.ValueTextEquals("trace_id"u8) || reader.ValueTextEquals("span_id"u8) || reader.ValueTextEquals("parent_span_id"u8);

    /// <summary>
    /// Hex, as the OTLP/JSON spec says. Anything else is left as it is (some older exporters sent base64), and the
    /// protobuf parser rejects it if it is not base64 either.
    /// </summary>
    private static bool TryHexToBase64(ReadOnlySpan<byte> hex, Span<byte> id, Span<byte> base64, out int written)
    {
        written = 0;
        return hex.Length % 2 == 0 && hex.Length <= id.Length * 2
            && Convert.FromHexString(hex, id, out _, out var idLength) == OperationStatus.Done
            && Base64.EncodeToUtf8(id[..idLength], base64, out _, out written) == OperationStatus.Done;
    }
}
