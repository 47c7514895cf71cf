using NATS.Client.Core;
using TraceApp.Messaging;
using TraceApp.ServiceDefaults.Telemetry;
using TraceApp.Tests.Infrastructure.Servers;

namespace TraceApp.Tests.Messaging;

/// <summary>One real nats-server shared by the NATS test classes of <see cref="NatsCollection"/>.</summary>
public sealed class NatsServerFixture : IAsyncLifetime
{
    private NatsServerProcess _server = null!;

    public string ConnectionString => _server.ConnectionString;

    public NatsServerProcess Server => _server;

    public async Task InitializeAsync()
    {
        TraceAppOpenTelemetry.InstallPropagator();
        _server = await NatsServerProcess.StartNewAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public NatsConnection Connect() => new(NatsConnectionString.Parse(ConnectionString));
}

/// <summary>
/// The NATS test classes that record NATS.Net's spans run one after another: an ActivityListener hears every
/// activity of the process, so spans of one class's messages would otherwise show up in another's assertions.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NatsCollection : ICollectionFixture<NatsServerFixture>
{
    public const string Name = "NATS";
}
