using TraceApp.Hosting.ApplicationModel;
using TraceApp.Hosting.Execution;
using TraceApp.Hosting.Servers;

namespace TraceApp.Hosting.Orchestration.Runners;

/// <summary>PostgreSQL 15 (initdb on first use); healthy when <c>SELECT 1</c> answers.</summary>
public sealed class PostgresRunner(PostgresServerResource postgres) : ResourceRunner(postgres, postgres.Name)
{
    public override void CheckPrerequisites() => PostgresBinaries.Find();

    public override async Task StartAsync(RunContext context, CancellationToken cancellationToken)
    {
        var settings = Settings(context);
        await PostgresSetup.InitializeAsync(settings, cancellationToken);
        Launch(context, PostgresSetup.CreateServerCommand(InstanceName, settings, context.Options.EphemeralData)
            with { StopSignal = ProcessSignals.SigInt });
    }

    public override async Task CheckHealthAsync(RunContext context, CancellationToken cancellationToken)
    {
        await RunningAsHealthy();
        await PostgresHealthProbe.CheckAsync(Settings(context), cancellationToken);
    }

    internal PostgresServerSettings Settings(RunContext context)
    {
        var directory = Path.Combine(context.Options.DataDirectory, postgres.Name);
        return new PostgresServerSettings(
            context.Endpoints.Port(postgres, PostgresServerResource.TcpEndpoint),
            postgres.User,
            postgres.Password,
            Path.Combine(directory, "data"),
            Path.Combine(directory, "socket"));
    }
}
