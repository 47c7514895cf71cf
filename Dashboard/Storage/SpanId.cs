using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace TraceApp.Dashboard.Storage;

/// <summary>A W3C span id held as a number instead of a 16-character string; prints as lowercase hex (empty when absent).</summary>
[JsonConverter(typeof(TelemetryIdJsonConverter.ForSpanId))]
public readonly record struct SpanId(ulong Value)
{
    public const int ByteLength = 8;

    public bool IsEmpty => Value == 0;

    /// <summary>Reads 8 bytes that are not all zero.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out SpanId id)
    {
        id = bytes.Length == ByteLength ? new SpanId(BinaryPrimitives.ReadUInt64BigEndian(bytes)) : default;
        return !id.IsEmpty;
    }

    /// <summary>Reads an id that may be absent (no bytes or all zero) but, when present, must be 8 bytes.</summary>
    public static bool TryReadOptional(ReadOnlySpan<byte> bytes, out SpanId id)
    {
        if (bytes.Length == ByteLength)
        {
            TryRead(bytes, out id);
            return true;
        }

        id = default;
        return bytes.Length == 0;
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out SpanId id)
    {
        id = default;
        if (text is not { Length: ByteLength * 2 }
            || !ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        id = new SpanId(value);
        return !id.IsEmpty;
    }

    public override string ToString() => IsEmpty ? "" : Value.ToString("x16", CultureInfo.InvariantCulture);
}
