using System.Text;

namespace TraceApp.Dashboard.Configuration;

/// <summary>
/// The OTLP receivers' settings, read from <c>Dashboard:Otlp:*</c> by <see cref="OtlpOptionsReader"/>. Printing it
/// (a record prints its members) never shows the keys.
/// </summary>
public sealed record OtlpOptions
{
    public const int DefaultMaxRequestSize = 4 * 1024 * 1024;

    public static readonly Uri DefaultGrpcEndpointUrl = new("http://127.0.0.1:18889");

    public static readonly Uri DefaultHttpEndpointUrl = new("http://127.0.0.1:18890");

    public OtlpAuthMode AuthMode { get; init; } = OtlpAuthMode.Unsecured;

    public string? PrimaryApiKey { get; init; }

    public string? SecondaryApiKey { get; init; }

    /// <summary>OTLP/gRPC: an HTTP/2-only (h2c) endpoint. Port 0 takes a free port.</summary>
    public Uri GrpcEndpointUrl { get; init; } = DefaultGrpcEndpointUrl;

    /// <summary>OTLP/HTTP (<c>POST /v1/traces|logs|metrics</c>). Port 0 takes a free port.</summary>
    public Uri HttpEndpointUrl { get; init; } = DefaultHttpEndpointUrl;

    /// <summary>The largest export accepted, in bytes: the decompressed HTTP body, or the gRPC message.</summary>
    public int MaxRequestSize { get; init; } = DefaultMaxRequestSize;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"AuthMode = {AuthMode}, PrimaryApiKey = {Redacted(PrimaryApiKey)}, SecondaryApiKey = {Redacted(SecondaryApiKey)}, ");
        builder.Append($"GrpcEndpointUrl = {GrpcEndpointUrl}, HttpEndpointUrl = {HttpEndpointUrl}, MaxRequestSize = {MaxRequestSize}");
        return true;
    }

    private static string Redacted(string? key) => string.IsNullOrEmpty(key) ? "(none)" : "(set)";
}
