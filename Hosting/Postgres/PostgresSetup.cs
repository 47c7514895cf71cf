using System.Text;
using Npgsql;
using TraceApp.Hosting.Processes;

namespace TraceApp.Hosting.Postgres;

/// <summary>Creates a PostgreSQL data directory (initdb) and databases in a running server.</summary>
internal static class PostgresSetup
{
    private const int MaxIdentifierBytes = 63;
    private const string DuplicateDatabase = "42P04";

    /// <summary>
    /// Runs initdb (superuser <paramref name="user"/>, scram-sha-256, UTF8) unless <paramref name="dataDirectory"/>
    /// already holds a cluster (PG_VERSION exists), so data survives restarts; makes sure the socket directory
    /// exists. As root, both belong to the postgres user and initdb runs as it.
    /// </summary>
    public static async Task InitializeAsync(
        PostgresBinaries binaries, string dataDirectory, string socketDirectory, string user, string password, CancellationToken ct)
    {
        Directory.CreateDirectory(socketDirectory);
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            await PostgresAccount.GiveOwnershipAsync([socketDirectory], ct);
            return;
        }

        Directory.CreateDirectory(dataDirectory);
        var passwordFile = await WritePasswordFileAsync(password, ct);
        try
        {
            await PostgresAccount.GiveOwnershipAsync([dataDirectory, socketDirectory, passwordFile], ct);
            await CommandRunner.RunAsync(
                PostgresAccount.Command(
                    binaries.InitDb,
                    ["-D", dataDirectory, "-U", user, "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"]),
                ct);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>Creates database <paramref name="database"/> unless it exists (safe to call repeatedly and concurrently).</summary>
    public static async Task CreateDatabaseAsync(string serverConnectionString, string database, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        if (database.Contains('\0', StringComparison.Ordinal) || Encoding.UTF8.GetByteCount(database) > MaxIdentifierBytes)
        {
            // PostgreSQL would silently truncate a longer name, so the existence check would never match it.
            throw new ArgumentException($"Not a usable PostgreSQL database name (at most {MaxIdentifierBytes} bytes, no NUL): {database}", nameof(database));
        }

        await using var connection = new NpgsqlConnection(AdminConnectionString(serverConnectionString));
        await connection.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = database });
            if (await exists.ExecuteScalarAsync(ct) is not null)
            {
                return;
            }
        }

        var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var create = new NpgsqlCommand("CREATE DATABASE " + quoted, connection);
        try
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == DuplicateDatabase)
        {
            // Created concurrently since the check: the database exists, which is what was asked.
        }
    }

    /// <summary>Opens <paramref name="connectionString"/> and runs <c>SELECT 1</c>; failures propagate.</summary>
    public static async Task SelectOneAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString(connectionString));
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(ct);
    }

    /// <summary>
    /// Unpooled (a smart shutdown waits for idle pooled connections) and in the maintenance database
    /// <c>postgres</c> unless the connection string names one.
    /// </summary>
    private static string AdminConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        builder.Database ??= "postgres";
        return builder.ConnectionString;
    }

    private static async Task<string> WritePasswordFileAsync(string password, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"traceapp-initdb-{Guid.NewGuid():N}.pw");
        await using var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        await file.WriteAsync(Encoding.UTF8.GetBytes(password + "\n"), ct);
        return path;
    }
}
