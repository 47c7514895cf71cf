using Npgsql;
using TraceApp.Storage;

namespace TraceApp.WorkflowServer.Store;

/// <summary>
/// Applies <see cref="WorkflowMigrations"/>, recorded in <c>workflows.schema_migrations</c> apart from the job
/// store's (see <see cref="SchemaMigrator"/>).
/// </summary>
public sealed class WorkflowMigrator(NpgsqlDataSource dataSource, ILogger<WorkflowMigrator> logger)
    : SchemaMigrator(dataSource, Definition, logger)
{
    /// <summary>The advisory lock key is "TrWfMigr".</summary>
    internal static SchemaMigrations Definition { get; } =
        new("Workflow", "Workflow schema", Schema: "workflows", AdvisoryLockKey: 0x547257664D696772, WorkflowMigrations.All);

    public static int LatestVersion => Definition.LatestVersion;
}
