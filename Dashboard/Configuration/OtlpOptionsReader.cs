using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace TraceApp.Dashboard.Configuration;

/// <summary>
/// Reads and checks <see cref="OtlpOptions"/> from configuration (Aspire's names: <c>Dashboard:Otlp:AuthMode</c>,
/// <c>PrimaryApiKey</c>, <c>SecondaryApiKey</c>, env <c>Dashboard__Otlp__AuthMode</c> etc.). Without an AuthMode,
/// a configured key means ApiKey and no key means Unsecured. The endpoints also answer to Aspire's
/// <c>DOTNET_DASHBOARD_OTLP_ENDPOINT_URL</c> / <c>DOTNET_DASHBOARD_OTLP_HTTP_ENDPOINT_URL</c> variables.
/// </summary>
public static class OtlpOptionsReader
{
    public const string Section = "Dashboard:Otlp";
    public const string AuthModeKey = Section + ":AuthMode";
    public const string PrimaryApiKeyKey = Section + ":PrimaryApiKey";
    public const string SecondaryApiKeyKey = Section + ":SecondaryApiKey";
    public const string GrpcEndpointUrlKey = Section + ":GrpcEndpointUrl";
    public const string HttpEndpointUrlKey = Section + ":HttpEndpointUrl";
    public const string MaxRequestSizeKey = Section + ":MaxRequestSize";
    public const string AspireGrpcEndpointVariable = "DOTNET_DASHBOARD_OTLP_ENDPOINT_URL";
    public const string AspireHttpEndpointVariable = "DOTNET_DASHBOARD_OTLP_HTTP_ENDPOINT_URL";

    /// <summary>The options, or a <see cref="DashboardConfigurationException"/> naming the first wrong setting.</summary>
    public static OtlpOptions Read(IConfiguration configuration)
    {
        var primary = NullIfEmpty(configuration[PrimaryApiKeyKey]);
        var secondary = NullIfEmpty(configuration[SecondaryApiKeyKey]);
        var mode = ReadAuthMode(configuration[AuthModeKey], hasKey: primary is not null || secondary is not null);
        if (mode == OtlpAuthMode.ApiKey && primary is null)
        {
            throw new DashboardConfigurationException(
                $"{AuthModeKey} is ApiKey but {PrimaryApiKeyKey} (env {EnvName(PrimaryApiKeyKey)}) is not set: set a key, or set {AuthModeKey} to Unsecured.");
        }

        var grpc = ReadEndpoint(configuration, GrpcEndpointUrlKey, AspireGrpcEndpointVariable, OtlpOptions.DefaultGrpcEndpointUrl);
        var http = ReadEndpoint(configuration, HttpEndpointUrlKey, AspireHttpEndpointVariable, OtlpOptions.DefaultHttpEndpointUrl);
        if (grpc.Port != 0 && grpc.Port == http.Port)
        {
            throw new DashboardConfigurationException(
                $"{GrpcEndpointUrlKey} and {HttpEndpointUrlKey} use the same port {grpc.Port}: OTLP/gRPC and OTLP/HTTP need an endpoint each.");
        }

        return new OtlpOptions
        {
            AuthMode = mode,
            PrimaryApiKey = primary,
            SecondaryApiKey = secondary,
            GrpcEndpointUrl = grpc,
            HttpEndpointUrl = http,
            MaxRequestSize = ReadMaxRequestSize(configuration[MaxRequestSizeKey]),
        };
    }

    private static OtlpAuthMode ReadAuthMode(string? text, bool hasKey)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return hasKey ? OtlpAuthMode.ApiKey : OtlpAuthMode.Unsecured;
        }

        return text.Trim().ToUpperInvariant() switch
        {
            "APIKEY" => OtlpAuthMode.ApiKey,
            "UNSECURED" => OtlpAuthMode.Unsecured,
            _ => throw new DashboardConfigurationException(
                $"Invalid value '{text}' for {AuthModeKey} (env {EnvName(AuthModeKey)}): allowed values are ApiKey, Unsecured."),
        };
    }

    private static Uri ReadEndpoint(IConfiguration configuration, string key, string aspireVariable, Uri fallback)
    {
        var setting = configuration[key] is { Length: > 0 } ? key : aspireVariable;
        var text = configuration[setting];
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        var valid = Uri.TryCreate(text, UriKind.Absolute, out var url)
            && url.Scheme == Uri.UriSchemeHttp && url.PathAndQuery == "/"
            && (url.Host == "localhost" ? url.Port != 0 : IPAddress.TryParse(url.DnsSafeHost, out _));
        if (!valid)
        {
            throw new DashboardConfigurationException(
                $"Invalid value '{text}' for {setting}: expected http://<IP address or localhost>:<port> such as {fallback} " +
                "(https is not supported yet; port 0 takes a free port, with an IP address only).");
        }

        return url!;
    }

    private static int ReadMaxRequestSize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return OtlpOptions.DefaultMaxRequestSize;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes >= 1024
            ? bytes
            : throw new DashboardConfigurationException(
                $"Invalid value '{text}' for {MaxRequestSizeKey}: expected a number of bytes of at least 1024 (default {OtlpOptions.DefaultMaxRequestSize}).");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string EnvName(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
