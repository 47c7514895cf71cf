using TraceApp.Hosting.ApplicationModel;
using TraceApp.Hosting.Servers;

namespace TraceApp.Hosting.Orchestration.Runners;

/// <summary>nats-server; healthy when a client CONNECT + PING gets PONG.</summary>
public sealed class NatsRunner(NatsServerResource nats) : ResourceRunner(nats, nats.Name)
{
    public override void CheckPrerequisites() => NatsBinary.Find();

    public override Task StartAsync(RunContext context, CancellationToken cancellationToken)
    {
        string? jetStream = null;
        if (nats.JetStream)
        {
            jetStream = Path.Combine(context.Options.DataDirectory, nats.Name, "jetstream");
            Directory.CreateDirectory(jetStream);
        }

        var settings = new NatsServerSettings(
            context.Endpoints.Port(nats, NatsServerResource.ClientEndpoint),
            context.Endpoints.Port(nats, NatsServerResource.MonitoringEndpoint),
            nats.User,
            nats.Password,
            jetStream);
        Launch(context, NatsServerCommand.Create(InstanceName, settings, Path.Combine(context.Options.DataDirectory, nats.Name)));
        return Task.CompletedTask;
    }

    public override async Task CheckHealthAsync(RunContext context, CancellationToken cancellationToken)
    {
        await RunningAsHealthy();
        await NatsHealthProbe.CheckAsync(
            "127.0.0.1", context.Endpoints.Port(nats, NatsServerResource.ClientEndpoint), nats.User, nats.Password, cancellationToken);
    }
}
