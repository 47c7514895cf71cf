using Microsoft.Net.Http.Headers;

namespace TraceApp.Dashboard.Otlp;

/// <summary>The two OTLP/HTTP encodings; a response uses the request's.</summary>
public enum OtlpHttpFormat
{
    Protobuf,
    Json,
}

internal static class OtlpHttpFormats
{
    public const string ProtobufContentType = "application/x-protobuf";
    public const string JsonContentType = "application/json";

    /// <summary>The format of a Content-Type (parameters such as <c>charset</c> ignored), or null if it is neither.</summary>
    public static OtlpHttpFormat? FromContentType(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return null;
        }

        var mediaType = parsed.MediaType.Value;
        return string.Equals(mediaType, ProtobufContentType, StringComparison.OrdinalIgnoreCase) ? OtlpHttpFormat.Protobuf
            : string.Equals(mediaType, JsonContentType, StringComparison.OrdinalIgnoreCase) ? OtlpHttpFormat.Json
            : null;
    }

    public static string ContentType(this OtlpHttpFormat format) =>
        format == OtlpHttpFormat.Json ? JsonContentType : ProtobufContentType;
}
