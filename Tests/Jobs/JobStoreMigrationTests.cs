using Npgsql;
using TraceApp.Jobs.Store;

namespace TraceApp.Tests.Jobs;

public sealed class JobStoreMigrationTests(JobStoreDatabases databases) : IClassFixture<JobStoreDatabases>
{
    [Fact]
    public async Task Migrating_twice_applies_each_version_once_and_keeps_the_data()
    {
        var dataSource = await databases.CreateDatabaseAsync();
        var migrator = JobStoreDatabases.NewMigrator(dataSource);

        await migrator.MigrateAsync();
        await using (var insert = dataSource.CreateCommand("INSERT INTO workers VALUES ('w', 'h', '{}', now(), now())"))
        {
            await insert.ExecuteNonQueryAsync();
        }

        await migrator.MigrateAsync();

        Assert.Equal(AllVersions(), await AppliedVersionsAsync(dataSource));
        Assert.Equal(1L, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM workers"));
    }

    [Fact]
    public async Task Replicas_migrating_a_fresh_database_at_once_all_succeed_and_each_version_is_recorded_once()
    {
        var dataSource = await databases.CreateDatabaseAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => JobStoreDatabases.NewMigrator(dataSource).MigrateAsync())));

        Assert.Equal(AllVersions(), await AppliedVersionsAsync(dataSource));
        Assert.Equal(JobStoreMigrator.LatestVersion, await ScalarAsync<int>(dataSource, "SELECT max(version) FROM schema_migrations"));
        Assert.Equal(
            ["job_events", "job_results", "jobs", "schema_migrations", "workers"],
            await ListAsync(dataSource, "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"));
    }

    private static int[] AllVersions() => Enumerable.Range(1, JobStoreMigrator.LatestVersion).ToArray();

    private static async Task<int[]> AppliedVersionsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT version FROM schema_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return [.. versions];
    }

    private static async Task<List<string>> ListAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
