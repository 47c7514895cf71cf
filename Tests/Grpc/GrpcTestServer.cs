using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TraceApp.Dashboard.Otlp;
using TraceApp.Grpc.Client;
using TraceApp.Grpc.Server;
using TraceApp.Tests.Grpc.Interop;

namespace TraceApp.Tests.Grpc;

/// <summary>
/// The Echo test service on TraceApp's gRPC server defaults (h2c on a free loopback port), exporting its spans
/// over OTLP/HTTP to a receiver in the test; one per test class.
/// </summary>
public sealed class GrpcTestServer : IAsyncLifetime
{
    public const string ServiceName = "grpc-test-server";

    private WebApplication _app = null!;
    private OtlpHttpReceiver _receiver = null!;

    public Uri Address { get; private set; } = null!;

    public ReceivedTelemetry Telemetry => _receiver.Telemetry;

    public EchoObservations Observations => _app.Services.GetRequiredService<EchoObservations>();

    public GrpcChannels Channels { get; } = new();

    public Echo.EchoClient CreateClient() => Channels.CreateClient(Address, invoker => new Echo.EchoClient(invoker));

    public async Task InitializeAsync()
    {
        _receiver = await OtlpHttpReceiver.StartAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = ServiceName });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _receiver.Endpoint.ToString(),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = ServiceName,
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.AddServiceDefaults();
        builder.AddGrpcServerDefaults();
        builder.Services.AddSingleton<EchoObservations>();
        _app = builder.Build();
        _app.MapGrpcService<EchoService>();
        _app.MapGrpcHealthService();
        await _app.StartAsync();
        Address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        Channels.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }
}
