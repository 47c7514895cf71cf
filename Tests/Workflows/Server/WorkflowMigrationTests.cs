using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TraceApp.Hosting.Postgres;
using TraceApp.WorkflowServer.Store;

namespace TraceApp.Tests.Workflows.Server;

/// <summary>The workflows schema's versioned migrations: concurrent servers apply each step once; running them again changes nothing.</summary>
public sealed class WorkflowMigrationTests(WorkflowServerSystem system) : IClassFixture<WorkflowServerSystem>
{
    [Fact]
    public async Task Concurrent_and_repeated_migrations_apply_each_version_exactly_once_in_the_workflows_schema()
    {
        var name = "wf_" + Guid.NewGuid().ToString("N");
        await PostgresSetup.CreateDatabaseAsync(system.Postgres.ConnectionString, name, CancellationToken.None);
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(system.Postgres.ConnectionString) { Database = name }.ConnectionString);
        var migrator = new WorkflowMigrator(dataSource, NullLogger<WorkflowMigrator>.Instance);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => migrator.MigrateAsync()));
        await migrator.MigrateAsync();

        await using var versions = dataSource.CreateCommand("SELECT array_agg(version ORDER BY version) FROM workflows.schema_migrations");
        Assert.Equal(Enumerable.Range(1, WorkflowMigrator.LatestVersion), (int[])(await versions.ExecuteScalarAsync())!);
        await using var tables = dataSource.CreateCommand(
            "SELECT array_agg(table_name::text ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'workflows'");
        Assert.Equal(["runs", "schema_migrations", "steps", "workers"], (string[])(await tables.ExecuteScalarAsync())!);
        await using var publicTables = dataSource.CreateCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'");
        Assert.Equal(0L, await publicTables.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Only_one_non_terminal_run_per_namespace_and_external_id_is_allowed_by_the_schema()
    {
        await using var insert = system.Database.CreateCommand("""
            INSERT INTO workflows.runs (id, namespace, workflow_type, task_queue, external_id, state, available_at)
            VALUES (gen_random_uuid(), 'default', 't', 'q', 'dup-check', 'PENDING', now())
            """);
        await insert.ExecuteNonQueryAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());

        Assert.Equal("23505", error.SqlState);
        Assert.Equal("runs_active_external_id", error.ConstraintName);
    }
}
