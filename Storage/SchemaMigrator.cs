using Microsoft.Extensions.Logging;
using Npgsql;

namespace TraceApp.Storage;

/// <summary>
/// Applies the <see cref="SchemaMigrations"/> the database has not seen, each in its own transaction holding a
/// transaction-scoped advisory lock: replicas starting together wait for each other, and each re-reads
/// <c>schema_migrations</c> under the lock, so every step runs exactly once. Running it again changes nothing.
/// </summary>
public abstract partial class SchemaMigrator(NpgsqlDataSource dataSource, SchemaMigrations migrations, ILogger logger)
{
    public SchemaMigrations Migrations => migrations;

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var table = migrations.Table;
        var createTable = $"""
            CREATE TABLE IF NOT EXISTS {table} (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """;
        if (migrations.Schema is not null)
        {
            createTable = $"CREATE SCHEMA IF NOT EXISTS {migrations.Schema};\n{createTable}";
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var migration in migrations.All)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({migrations.AdvisoryLockKey})", cancellationToken);
            await ExecuteAsync(connection, transaction, createTable, cancellationToken);

            await using var applied = new NpgsqlCommand($"SELECT 1 FROM {table} WHERE version = $1", connection, transaction);
            applied.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
            if (await applied.ExecuteScalarAsync(cancellationToken) is not null)
            {
                await transaction.CommitAsync(cancellationToken);
                continue;
            }

            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand($"INSERT INTO {table} (version, name) VALUES ($1, $2)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
            await record.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogApplied(migrations.Name, migration.Version, migration.Name);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Schema} schema migration {Version} applied: {Name}")]
    private partial void LogApplied(string schema, int version, string name);
}
