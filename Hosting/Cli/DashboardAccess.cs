using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace TraceApp.Hosting.Cli;

/// <summary>
/// How a program outside the AppHost reaches the Aspire dashboard: its browser URL, its OTLP endpoint (gRPC when it
/// has one, else HTTP) with the OTLP API key header, and the key of its telemetry HTTP API. Read once the dashboard's
/// endpoints are allocated; null where the dashboard (or the setting) is off.
/// </summary>
internal sealed record DashboardAccess(Uri? Url, Uri? OtlpEndpoint, string? OtlpProtocol, string? OtlpHeaders, string? ApiKey)
{
    public const string ResourceName = "aspire-dashboard";
    public const string OtlpApiKeyHeader = "x-otlp-api-key";

    public static DashboardAccess From(DistributedApplicationModel model, IConfiguration configuration)
    {
        var dashboard = model.Resources.FirstOrDefault(r => r.Name == ResourceName);
        var endpoints = dashboard?.Annotations.OfType<EndpointAnnotation>().Where(e => e.AllocatedEndpoint is not null).ToList() ?? [];
        Uri? Endpoint(string name) =>
            endpoints.FirstOrDefault(e => e.Name == name) is { AllocatedEndpoint: { } allocated } ? new Uri(allocated.UriString) : null;

        var grpc = Endpoint("otlp-grpc");
        var otlp = grpc ?? Endpoint("otlp-http");
        var otlpKey = configuration["AppHost:OtlpApiKey"];
        return new DashboardAccess(
            Endpoint("https") ?? Endpoint("http") ?? FirstUrl(configuration["ASPNETCORE_URLS"]),
            otlp ?? FirstUrl(configuration["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"]),
            otlp is null ? null : grpc is not null ? "grpc" : "http/protobuf",
            string.IsNullOrEmpty(otlpKey) ? null : $"{OtlpApiKeyHeader}={otlpKey}",
            NullIfEmpty(configuration["AppHost:DashboardApiKey"]));
    }

    private static Uri? FirstUrl(string? urls) =>
        urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() is { } first
        && Uri.TryCreate(first, UriKind.Absolute, out var uri) ? uri : null;

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
