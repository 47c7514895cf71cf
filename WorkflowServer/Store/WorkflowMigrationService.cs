using TraceApp.Storage;

namespace TraceApp.WorkflowServer.Store;

/// <summary>
/// Migrates the <c>workflows</c> schema while the host starts, retrying in the background while the database is
/// down; the background loops wait for <see cref="SchemaMigrationService.Migrated"/>.
/// </summary>
public sealed class WorkflowMigrationService(WorkflowMigrator migrator, ILogger<WorkflowMigrationService> logger)
    : SchemaMigrationService(migrator, logger);
