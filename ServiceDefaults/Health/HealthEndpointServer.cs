using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TraceApp.ServiceDefaults.Health;

/// <summary>
/// Serves <c>/health</c> and <c>/alive</c> for a generic-host program (one without Kestrel of its own, such as the
/// Worker) from a minimal Kestrel app bound to <c>ASPNETCORE_URLS</c> (or <c>urls</c>), asking the program's own
/// health checks.
/// </summary>
internal sealed partial class HealthEndpointServer(
    IConfiguration configuration,
    HealthCheckService healthChecks,
    ILogger<HealthEndpointServer> logger) : IHostedService, IAsyncDisposable
{
    private const string DefaultUrl = "http://127.0.0.1:0";
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var urls = configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? DefaultUrl;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries));
        builder.Services.AddRoutingCore();
        _app = builder.Build();
        _app.UseRouting();
        _app.MapGet(HealthCheckExtensions.HealthPath, context => Answer(context, _ => true));
        _app.MapGet(HealthCheckExtensions.AlivePath, context =>
            Answer(context, registration => registration.Tags.Contains(HealthCheckExtensions.LiveTag)));
        await _app.StartAsync(cancellationToken);

        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        LogListening(string.Join(", ", addresses ?? []));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task Answer(HttpContext context, Func<HealthCheckRegistration, bool> predicate)
    {
        var report = await healthChecks.CheckHealthAsync(predicate, context.RequestAborted);
        context.Response.StatusCode = report.Status == HealthStatus.Unhealthy
            ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status200OK;
        await HealthResponseWriter.WriteAsync(context, report);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health endpoints listening on {Addresses}")]
    private partial void LogListening(string addresses);
}
