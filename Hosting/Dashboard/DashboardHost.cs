using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TraceApp.Dashboard;
using TraceApp.Dashboard.Configuration;
using TraceApp.Dashboard.Frontend;
using TraceApp.Dashboard.Otlp;

namespace TraceApp.Hosting.Dashboard;

/// <summary>
/// The dashboard, run inside the AppHost before any resource: its OTLP receivers require a key generated for
/// this run (injected into every service), its pages need the printed login URL, and its resource pages read the
/// host's own state. Run mode uses Aspire's ports (UI 18888, OTLP gRPC 18889, OTLP HTTP 18890).
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardHost(WebApplication app, string browserToken, string apiKey)
    {
        _app = app;
        var frontend = app.Services.GetRequiredService<FrontendEndpoint>().Endpoint.Address;
        var otlp = app.Services.GetRequiredService<DashboardOtlpEndpoints>();
        FrontendUrl = frontend;
        LoginUrl = new Uri(frontend, $"/login?t={browserToken}");
        OtlpGrpcEndpoint = otlp.Grpc;
        OtlpHttpEndpoint = otlp.Http;
        ApiKey = apiKey;
    }

    public Uri FrontendUrl { get; }

    /// <summary>Opening it logs the browser in.</summary>
    public Uri LoginUrl { get; }

    public Uri OtlpGrpcEndpoint { get; }

    public Uri OtlpHttpEndpoint { get; }

    /// <summary>Both the OTLP key (<c>x-otlp-api-key</c>) and the read API's key (<c>x-api-key</c>) of this run.</summary>
    public string ApiKey { get; }

    internal static async Task<DashboardHost> StartAsync(DistributedApplication application, bool randomPorts)
    {
        var browserToken = SecretSet.NewToken();
        var apiKey = SecretSet.NewToken();
        string Url(int port) => $"http://127.0.0.1:{(randomPorts ? 0 : port)}";
        var app = DashboardWebApplication.Create([], new Dictionary<string, string?>
        {
            ["Dashboard:Frontend:EndpointUrl"] = Url(18888),
            ["Dashboard:Frontend:AuthMode"] = "BrowserToken",
            ["Dashboard:Frontend:BrowserToken"] = browserToken,
            ["Dashboard:Api:PrimaryApiKey"] = apiKey,
            ["Dashboard:Otlp:GrpcEndpointUrl"] = Url(18889),
            ["Dashboard:Otlp:HttpEndpointUrl"] = Url(18890),
            ["Dashboard:Otlp:AuthMode"] = "ApiKey",
            ["Dashboard:Otlp:PrimaryApiKey"] = apiKey,
            // The AppHost's console shows the resources table and prints the login URL itself.
            ["Logging:LogLevel:Default"] = "Warning",
            // A failed start (a port in use) is reported by the AppHost as one line, not as a logged stack trace.
            ["Logging:LogLevel:Microsoft.Extensions.Hosting"] = "None",
        }, new HostResourceSource(application));
        await app.StartAsync();
        return new DashboardHost(app, browserToken, apiKey);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
