using Microsoft.Extensions.Configuration;
using TraceApp.Dashboard.Configuration;
using TraceApp.ServiceDefaults.Configuration;

namespace TraceApp.Dashboard.Frontend;

public enum FrontendAuthMode
{
    /// <summary>A token printed as a login URL at start; a cookie afterwards.</summary>
    BrowserToken,
    Unsecured,
}

/// <summary>
/// The browser side of the dashboard, under Aspire's names: <c>Dashboard:Frontend:AuthMode</c>,
/// <c>Dashboard:Frontend:BrowserToken</c> (generated when absent), <c>Dashboard:Frontend:EndpointUrl</c>, and
/// <c>Dashboard:Api:PrimaryApiKey</c>/<c>SecondaryApiKey</c> for the read API's <c>x-api-key</c> header.
/// </summary>
public sealed record FrontendOptions
{
    public const string DefaultEndpointUrl = "http://127.0.0.1:18888";

    public FrontendAuthMode AuthMode { get; init; } = FrontendAuthMode.BrowserToken;

    public string BrowserToken { get; init; } = "";

    public string EndpointUrl { get; init; } = DefaultEndpointUrl;

    public Uri EndpointUri => new(EndpointUrl);

    public string? ApiPrimaryKey { get; init; }

    public string? ApiSecondaryKey { get; init; }

    /// <summary>What <c>/login</c> accepts: the browser token.</summary>
    internal SecretSet BrowserTokens => new(BrowserToken);

    /// <summary>What the read API's <c>x-api-key</c> header may carry.</summary>
    internal SecretSet ApiKeys => new(ApiPrimaryKey, ApiSecondaryKey);

    /// <summary>Reads the settings; an unknown auth mode is an error that names the allowed values.</summary>
    public static FrontendOptions Read(IConfiguration configuration)
    {
        var mode = configuration["Dashboard:Frontend:AuthMode"];
        var authMode = FrontendAuthMode.BrowserToken;
        if (!string.IsNullOrWhiteSpace(mode) && !EnumNames.TryParse(mode, out authMode))
        {
            throw new DashboardConfigurationException(
                $"Invalid value '{mode}' for Dashboard:Frontend:AuthMode; allowed values are BrowserToken, Unsecured.");
        }

        var endpointUrl = configuration["Dashboard:Frontend:EndpointUrl"] ?? DefaultEndpointUrl;
        if (!Uri.TryCreate(endpointUrl, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttp)
        {
            throw new DashboardConfigurationException(
                $"Invalid value '{endpointUrl}' for Dashboard:Frontend:EndpointUrl; use an http:// URL such as {DefaultEndpointUrl}.");
        }

        var token = configuration["Dashboard:Frontend:BrowserToken"];
        return new FrontendOptions
        {
            AuthMode = authMode,
            BrowserToken = string.IsNullOrWhiteSpace(token) ? SecretSet.NewToken() : token,
            EndpointUrl = endpointUrl,
            ApiPrimaryKey = NullIfEmpty(configuration["Dashboard:Api:PrimaryApiKey"]),
            ApiSecondaryKey = NullIfEmpty(configuration["Dashboard:Api:SecondaryApiKey"]),
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
