using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace TraceApp.Dashboard.Storage;

/// <summary>A W3C trace id held as two numbers instead of a 32-character string; prints as lowercase hex.</summary>
[JsonConverter(typeof(TelemetryIdJsonConverter.ForTraceId))]
public readonly record struct TraceId(ulong High, ulong Low)
{
    public const int ByteLength = 16;

    public bool IsEmpty => High == 0 && Low == 0;

    /// <summary>Reads 16 bytes that are not all zero, as OTLP requires of a span's trace id.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out TraceId id)
    {
        id = bytes.Length == ByteLength
            ? new TraceId(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]))
            : default;
        return !id.IsEmpty;
    }

    /// <summary>Reads an id that may be absent (no bytes or all zero) but, when present, must be 16 bytes.</summary>
    public static bool TryReadOptional(ReadOnlySpan<byte> bytes, out TraceId id)
    {
        if (bytes.Length == ByteLength)
        {
            TryRead(bytes, out id);
            return true;
        }

        id = default;
        return bytes.Length == 0;
    }

    public static TraceId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a trace id: expected 32 hex digits.");

    public static bool TryParse([NotNullWhen(true)] string? text, out TraceId id)
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        id = default;
        return text is { Length: ByteLength * 2 }
            && Convert.FromHexString(text, bytes, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == ByteLength
            && TryRead(bytes, out id);
    }

    public override string ToString() => string.Create(ByteLength * 2, this, static (chars, id) =>
    {
        id.High.TryFormat(chars, out _, "x16", CultureInfo.InvariantCulture);
        id.Low.TryFormat(chars[16..], out _, "x16", CultureInfo.InvariantCulture);
    });
}
