using Npgsql;

namespace TraceApp.Hosting.Servers;

/// <summary>Checks that PostgreSQL accepts the configured user and answers a query.</summary>
public static class PostgresHealthProbe
{
    /// <summary>
    /// Opens an unpooled connection to database <c>postgres</c> (so the probe leaves no idle connection behind)
    /// and runs <c>SELECT 1</c>; connection and authentication errors propagate.
    /// </summary>
    public static async Task CheckAsync(PostgresServerSettings s, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(PostgresSetup.AdminConnectionString(s));
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        var result = await command.ExecuteScalarAsync(ct);
        if (result is not int one || one != 1)
        {
            throw new InvalidOperationException($"PostgreSQL on port {s.Port} answered SELECT 1 with {result ?? "null"}.");
        }
    }
}
