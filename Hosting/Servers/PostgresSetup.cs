using System.Globalization;
using System.Text;
using Npgsql;
using TraceApp.Hosting.Execution;

namespace TraceApp.Hosting.Servers;

/// <summary>Creates a PostgreSQL data directory, the command that serves it, and databases in it.</summary>
public static class PostgresSetup
{
    private const int MaxIdentifierBytes = 63;
    private const string DuplicateDatabase = "42P04";

    /// <summary>
    /// Runs initdb (superuser <see cref="PostgresServerSettings.User"/>, scram-sha-256, UTF8) unless the data
    /// directory already holds a cluster (PG_VERSION exists), so data survives restarts. Also makes sure the
    /// socket directory exists. As root, both directories belong to the postgres user and initdb runs as it.
    /// </summary>
    public static async Task InitializeAsync(PostgresServerSettings s, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        var binaries = PostgresBinaries.Find();
        Directory.CreateDirectory(s.SocketDirectory);
        if (File.Exists(Path.Combine(s.DataDirectory, "PG_VERSION")))
        {
            await PostgresAccount.GiveOwnershipAsync([s.SocketDirectory], ct);
            return;
        }

        Directory.CreateDirectory(s.DataDirectory);
        var passwordFile = await WritePasswordFileAsync(s.Password, ct);
        try
        {
            await PostgresAccount.GiveOwnershipAsync([s.DataDirectory, s.SocketDirectory, passwordFile], ct);
            var initdb = PostgresAccount.Command(
                "initdb",
                binaries.InitDb,
                ["-D", s.DataDirectory, "-U", s.User, "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"]);
            await CommandRunner.RunAsync(initdb, ct);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>
    /// <c>postgres -D dir -p port -k socketdir -c listen_addresses=127.0.0.1</c>; with <paramref name="forTests"/>
    /// durability is traded for speed (fsync, synchronous_commit and full_page_writes off). SIGTERM is a smart
    /// shutdown: the server exits once its clients have disconnected.
    /// </summary>
    public static ProcessSpec CreateServerCommand(string name, PostgresServerSettings s, bool forTests)
    {
        ArgumentNullException.ThrowIfNull(s);
        List<string> arguments =
        [
            "-D", s.DataDirectory,
            "-p", s.Port.ToString(CultureInfo.InvariantCulture),
            "-k", s.SocketDirectory,
            "-c", "listen_addresses=127.0.0.1",
        ];
        if (forTests)
        {
            arguments.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        return PostgresAccount.Command(name, PostgresBinaries.Find().Postgres, arguments);
    }

    /// <summary><c>Host=127.0.0.1;Port=…;Username=…;Password=…;Database=…</c> for Npgsql.</summary>
    public static string ConnectionString(PostgresServerSettings s, string database)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = s.Port,
            Username = s.User,
            Password = s.Password,
            Database = database,
        }.ConnectionString;
    }

    /// <summary>Creates database <paramref name="database"/> unless it exists (safe to call repeatedly).</summary>
    public static async Task CreateDatabaseAsync(PostgresServerSettings s, string database, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        if (database.Contains('\0', StringComparison.Ordinal) || Encoding.UTF8.GetByteCount(database) > MaxIdentifierBytes)
        {
            // PostgreSQL would silently truncate a longer name, so the existence check would never match it.
            throw new ArgumentException($"Not a usable PostgreSQL database name (at most {MaxIdentifierBytes} bytes, no NUL): {database}", nameof(database));
        }

        await using var connection = new NpgsqlConnection(AdminConnectionString(s));
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
            // Created concurrently by someone else since the check: the database exists, which is what was asked.
        }
    }

    /// <summary>The maintenance database <c>postgres</c>, unpooled so no idle connection delays a smart shutdown.</summary>
    internal static string AdminConnectionString(PostgresServerSettings s) =>
        new NpgsqlConnectionStringBuilder(ConnectionString(s, "postgres")) { Pooling = false }.ConnectionString;

    private static async Task<string> WritePasswordFileAsync(string password, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"traceapp-initdb-{Guid.NewGuid():N}.pw");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, options);
        await file.WriteAsync(Encoding.UTF8.GetBytes(password + "\n"), ct);
        return path;
    }
}
