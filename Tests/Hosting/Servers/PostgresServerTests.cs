using Npgsql;
using TraceApp.Hosting.Servers;

namespace TraceApp.Tests.Hosting.Servers;

public sealed class PostgresServerTests(PostgresServerFixture pg) : IClassFixture<PostgresServerFixture>
{
    private const string InvalidPassword = "28P01";

    [Fact]
    public async Task CreateDatabase_is_idempotent_and_the_connection_string_reaches_it()
    {
        await PostgresSetup.CreateDatabaseAsync(pg.Settings, "traceapp", CancellationToken.None);
        await PostgresSetup.CreateDatabaseAsync(pg.Settings, "traceapp", CancellationToken.None);

        await using var connection = new NpgsqlConnection(PostgresSetup.ConnectionString(pg.Settings, "traceapp"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);
        Assert.Equal("traceapp", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task CreateDatabase_quotes_names_that_are_not_plain_identifiers()
    {
        const string name = "Trace \"App\"; DROP";
        await PostgresSetup.CreateDatabaseAsync(pg.Settings, name, CancellationToken.None);
        await PostgresSetup.CreateDatabaseAsync(pg.Settings, name, CancellationToken.None);

        await using var connection = new NpgsqlConnection(PostgresSetup.ConnectionString(pg.Settings, name));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);
        Assert.Equal(name, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Wrong_password_is_rejected_by_the_server()
    {
        var settings = pg.Settings with { Password = "wrong" };

        var error = await Assert.ThrowsAsync<PostgresException>(() => PostgresHealthProbe.CheckAsync(settings, CancellationToken.None));

        Assert.Equal(InvalidPassword, error.SqlState);
    }

    [Fact]
    public async Task Data_survives_a_graceful_restart_and_InitializeAsync_leaves_an_existing_cluster_alone()
    {
        var table = $"restart_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE TABLE {table} (value text); INSERT INTO {table} VALUES ('kept')");
        var pgVersion = Path.Combine(pg.Settings.DataDirectory, "PG_VERSION");
        var initializedAt = File.GetLastWriteTimeUtc(pgVersion);

        // initdb on this non-empty directory would fail, so not throwing shows it did not run.
        await PostgresSetup.InitializeAsync(pg.Settings, CancellationToken.None);

        var server = pg.Server!;
        var exitCode = await pg.StopAsync();
        Assert.Equal(0, exitCode);
        Assert.Contains(server.StandardError.Lines, l => l.Contains("database system is shut down", StringComparison.Ordinal));
        Assert.Empty(ServerTestSupport.PostgresProcessesFor(pg.Settings.DataDirectory));

        await PostgresSetup.InitializeAsync(pg.Settings, CancellationToken.None);
        Assert.Equal(initializedAt, File.GetLastWriteTimeUtc(pgVersion));

        await pg.StartAsync();
        Assert.Equal("kept", await ExecuteAsync($"SELECT value FROM {table}"));
    }

    private async Task<object?> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresSetup.ConnectionString(pg.Settings, "postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
