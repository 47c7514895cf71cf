using Microsoft.Extensions.Logging;
using TraceApp.Storage;

namespace TraceApp.Jobs.Store;

/// <summary>Migrates the job store while the host starts, retrying in the background while the database is down.</summary>
internal sealed class JobStoreMigrationService(JobStoreMigrator migrator, ILogger<JobStoreMigrationService> logger)
    : SchemaMigrationService(migrator, logger);
