using NATS.Client.Core;
using TraceApp.Hosting;
using TraceApp.Hosting.Testing;
using TraceApp.ServiceDefaults.Telemetry;

namespace TraceApp.Tests.Messaging;

/// <summary>One real nats-server (Hosting's NATS resource, as the AppHost runs it) shared by a test class.</summary>
public sealed class NatsServerFixture : IAsyncLifetime
{
    private TestingApplication _app = null!;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        OpenTelemetryExtensions.InstallPropagator();
        _app = await DistributedApplicationTestingBuilder.CreateAsync(builder => builder.AddNats("nats"));
        await _app.StartAsync();
        await _app.WaitForResourceHealthyAsync("nats");
        ConnectionString = await _app.GetConnectionStringAsync("nats");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public NatsConnection Connect() => new(TraceApp.Messaging.NatsConnectionString.Parse(ConnectionString));
}
