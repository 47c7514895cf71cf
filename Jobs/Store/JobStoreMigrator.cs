using Microsoft.Extensions.Logging;
using Npgsql;

namespace TraceApp.Jobs.Store;

/// <summary>
/// Applies <see cref="JobStoreMigrations"/> that the database has not seen, each in its own transaction holding a
/// transaction-scoped advisory lock: replicas starting together wait for each other, and each re-reads
/// <c>schema_migrations</c> under the lock, so every step runs exactly once. Running it again changes nothing.
/// </summary>
public sealed partial class JobStoreMigrator(NpgsqlDataSource dataSource, ILogger<JobStoreMigrator> logger)
{
    /// <summary>The advisory lock key (any bigint the database's other users do not take): "TrJobsMg".</summary>
    internal const long AdvisoryLockKey = 0x54724A6F62734D67;

    /// <summary>The newest schema version this build knows.</summary>
    public static int LatestVersion => JobStoreMigrations.All[^1].Version;

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var migration in JobStoreMigrations.All)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
            await ExecuteAsync(connection, transaction, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken);

            await using var applied = new NpgsqlCommand("SELECT 1 FROM schema_migrations WHERE version = $1", connection, transaction);
            applied.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
            if (await applied.ExecuteScalarAsync(cancellationToken) is not null)
            {
                await transaction.CommitAsync(cancellationToken);
                continue;
            }

            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", connection, transaction);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Job store schema migration {Version} applied: {Name}")]
    private partial void LogApplied(int version, string name);
}
