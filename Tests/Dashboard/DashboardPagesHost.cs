using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TraceApp.Dashboard;
using TraceApp.Dashboard.Frontend;
using TraceApp.Dashboard.Storage;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Dashboard;

/// <summary>
/// The dashboard's web UI in the test process, unsecured, on a free port, with the store the pages read; pages are
/// fetched as the server prerenders them, before any browser script runs.
/// </summary>
internal sealed class DashboardPagesHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http = TestHttp.CreateClient();

    private DashboardPagesHost(WebApplication app)
    {
        _app = app;
        _http.BaseAddress = app.Services.GetRequiredService<FrontendEndpoint>().Endpoint.Address;
        Store = app.Services.GetRequiredService<TelemetryStore>();
    }

    public TelemetryStore Store { get; }

    /// <summary>The UI's address (pages and the read API).</summary>
    public Uri Address => _http.BaseAddress!;

    public static async Task<DashboardPagesHost> StartAsync(params (string Key, string Value)[] settings)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Dashboard:Frontend:AuthMode"] = "Unsecured",
            ["Dashboard:Frontend:EndpointUrl"] = "http://127.0.0.1:0",
            ["Dashboard:Otlp:GrpcEndpointUrl"] = "http://127.0.0.1:0",
            ["Dashboard:Otlp:HttpEndpointUrl"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        var app = DashboardWebApplication.Create([], configuration);
        await app.StartAsync();
        return new DashboardPagesHost(app);
    }

    /// <summary>The prerendered HTML of a page, with the HTML-encoded characters the tests look for decoded.</summary>
    public async Task<string> GetPageAsync(string pathAndQuery)
    {
        using var response = await _http.GetAsync(new Uri(pathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
