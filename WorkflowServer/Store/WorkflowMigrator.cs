using Npgsql;

namespace TraceApp.WorkflowServer.Store;

/// <summary>
/// Applies the <see cref="WorkflowMigrations"/> the database has not seen, each in its own transaction holding a
/// transaction-scoped advisory lock: servers starting together wait for each other and each re-reads
/// <c>workflows.schema_migrations</c> under the lock, so every step runs exactly once. Running it again changes nothing.
/// </summary>
public sealed partial class WorkflowMigrator(NpgsqlDataSource dataSource, ILogger<WorkflowMigrator> logger)
{
    /// <summary>The advisory lock key (a bigint no other user of the database takes): "TrWfMigr".</summary>
    internal const long AdvisoryLockKey = 0x547257664D696772;

    public static int LatestVersion => WorkflowMigrations.All[^1].Version;

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var migration in WorkflowMigrations.All)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
            await ExecuteAsync(connection, transaction, """
                CREATE SCHEMA IF NOT EXISTS workflows;
                CREATE TABLE IF NOT EXISTS workflows.schema_migrations (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken);

            await using var applied = new NpgsqlCommand("SELECT 1 FROM workflows.schema_migrations WHERE version = $1", connection, transaction);
            applied.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
            if (await applied.ExecuteScalarAsync(cancellationToken) is not null)
            {
                await transaction.CommitAsync(cancellationToken);
                continue;
            }

            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO workflows.schema_migrations (version, name) VALUES ($1, $2)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
            await record.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogApplied(migration.Version, migration.Name);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow schema migration {Version} applied: {Name}")]
    private partial void LogApplied(int version, string name);
}
