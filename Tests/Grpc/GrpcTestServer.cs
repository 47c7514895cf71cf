using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using TraceApp.Grpc.Client;
using TraceApp.Grpc.Server;
using TraceApp.Tests.Grpc.Interop;
using TraceApp.Tests.Infrastructure.Telemetry;

namespace TraceApp.Tests.Grpc;

/// <summary>
/// The Echo test service on TraceApp's service and gRPC server defaults (h2c on a free loopback port), tracing on
/// with an in-memory exporter: what it records is what it would export. Its instrumentations hear the whole
/// process, so the test's own client calls are recorded too. One per test class; tests tell their spans apart by
/// trace id.
/// </summary>
public sealed class GrpcTestServer : IAsyncLifetime
{
    public const string ServiceName = "grpc-test-server";

    private WebApplication _app = null!;

    public Uri Address { get; private set; } = null!;

    public RecordedSpans Spans { get; } = new();

    public EchoObservations Observations => _app.Services.GetRequiredService<EchoObservations>();

    public GrpcChannels Channels { get; } = new();

    public Echo.EchoClient CreateClient() => Channels.CreateClient(Address, invoker => new Echo.EchoClient(invoker));

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = ServiceName });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telemetry:Tracing:Enabled"] = "true",
            ["OTEL_SERVICE_NAME"] = ServiceName,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.AddServiceDefaults();
        builder.AddGrpcServerDefaults();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
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
    }
}
