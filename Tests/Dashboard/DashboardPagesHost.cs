using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        _http.BaseAddress = new Uri(app.Urls.First());
        Store = app.Services.GetRequiredService<TelemetryStore>();
    }

    public TelemetryStore Store { get; }

    public static async Task<DashboardPagesHost> StartAsync(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The UI's static web assets are described by the Dashboard's manifest, copied next to the tests.
            ApplicationName = typeof(TelemetryStore).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(
        [
            new("Dashboard:Frontend:AuthMode", "Unsecured"),
            new("Dashboard:Frontend:EndpointUrl", "http://127.0.0.1:0"),
            new("Logging:LogLevel:Default", "Warning"),
            .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)),
        ]);
        var frontend = builder.AddDashboardFrontend();
        builder.WebHost.UseUrls(frontend.EndpointUrl);
        var app = builder.Build();
        app.MapDashboardFrontend();
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
