using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace TraceApp.Dashboard.Otlp;

/// <summary>
/// A self-contained OTLP/HTTP receiver on its own Kestrel listener (127.0.0.1, a free port by default):
/// what tests point a program's exporter at to assert on the spans it really sends.
/// </summary>
public sealed class OtlpHttpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpHttpReceiver(WebApplication app, Uri endpoint, ReceivedTelemetry telemetry)
    {
        _app = app;
        Endpoint = endpoint;
        Telemetry = telemetry;
    }

    /// <summary>The base URL to use as OTEL_EXPORTER_OTLP_ENDPOINT with protocol http/protobuf.</summary>
    public Uri Endpoint { get; }

    public ReceivedTelemetry Telemetry { get; }

    public static async Task<OtlpHttpReceiver> StartAsync(string url = "http://127.0.0.1:0")
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(url);
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var telemetry = new ReceivedTelemetry();
        app.UseRouting();
        app.MapOtlpHttp(telemetry);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        return new OtlpHttpReceiver(app, new Uri(address), telemetry);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
