using TraceApp.Hosting.ApplicationModel;
using TraceApp.Hosting.Servers;

namespace TraceApp.Hosting.Orchestration.Runners;

/// <summary>A database: created (if missing) once its server is healthy; healthy once created.</summary>
public sealed class PostgresDatabaseRunner(PostgresDatabaseResource database, PostgresRunner server)
    : ResourceRunner(database, database.Name)
{
    private bool _created;

    public override async Task StartAsync(RunContext context, CancellationToken cancellationToken)
    {
        await PostgresSetup.CreateDatabaseAsync(server.Settings(context), database.DatabaseName, cancellationToken);
        _created = true;
    }

    public override Task CheckHealthAsync(RunContext context, CancellationToken cancellationToken) =>
        _created && server.Process is { HasExited: false }
            ? Task.CompletedTask
            : throw new InvalidOperationException($"Database '{database.DatabaseName}' is not available.");
}
