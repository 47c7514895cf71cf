using Microsoft.Extensions.Hosting;

namespace TraceApp.Jobs.Store;

/// <summary>
/// Migrates the job store while the host starts: hosted services start before Kestrel listens, so no request
/// meets a missing table, and a database that cannot be migrated stops the program at start instead of failing
/// every request later.
/// </summary>
internal sealed class JobStoreMigrationService(JobStoreMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
