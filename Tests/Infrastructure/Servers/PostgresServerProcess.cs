using System.Globalization;
using System.Security.Cryptography;
using TraceApp.Hosting.Postgres;
using TraceApp.Tests.Infrastructure.Processes;

namespace TraceApp.Tests.Infrastructure.Servers;

/// <summary>
/// A real PostgreSQL 15 (Debian's package) for tests: a fresh cluster (initdb, scram-sha-256, fsync off) in a
/// temporary directory, 127.0.0.1 on a free port, one superuser with a random password and one database.
/// PostgreSQL refuses to run as root, so as root both run as the <c>postgres</c> user, exactly as Hosting runs them
/// for the AppHost.
/// <see cref="StartNewAsync"/> returns once the server accepts connections and the database exists; <see cref="StopAsync"/>
/// and <see cref="StartAgainAsync"/> restart it on the same data and port (for outage tests).
/// </summary>
public sealed class PostgresServerProcess : IAsyncDisposable
{
    public const string User = "traceapp";

    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const int SigInt = 2; // "fast shutdown"
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _directory = TraversableTempDirectory();
    private ManagedProcess? _server;

    private PostgresServerProcess(string database) => Database = database;

    public string Database { get; }

    public int Port { get; } = FreePort.Next();

    public string Password { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>What the AppHost gives services as <c>ConnectionStrings__&lt;database&gt;</c>.</summary>
    public string ConnectionString => ConnectionStringFor(Database);

    public static async Task<PostgresServerProcess> StartNewAsync(string database = "traceapp")
    {
        if (!File.Exists(Path.Combine(BinDirectory, "postgres")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed in {BinDirectory}: apt-get install postgresql-15 (scripts/test.sh does).");
        }

        return await ServerProcess.StartOrDisposeAsync(new PostgresServerProcess(database), server => server.StartAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Stops the server (fast shutdown), keeping its data and port for <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.StopAsync(TimeSpan.FromSeconds(20));
            await server.DisposeAsync();
        }
    }

    /// <summary>Starts the stopped server again on the same data and port; returns once it accepts connections.</summary>
    public Task StartAgainAsync() =>
        _server is null ? RunAsync() : throw new InvalidOperationException("postgres is already running.");

    private string ConnectionStringFor(string database) => string.Create(
        CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username={User};Password={Password};Database={database}");

    /// <summary>initdb, the server command and the database come from Hosting, as the AppHost runs them.</summary>
    private async Task StartAsync()
    {
        await PostgresSetup.InitializeAsync(PostgresBinaries.Find(BinDirectory), DataDirectory, SocketDirectory, User, Password, CancellationToken.None);
        await RunAsync();
        await PostgresSetup.CreateDatabaseAsync(ConnectionStringFor("postgres"), Database, CancellationToken.None);
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    private string SocketDirectory => Path.Combine(_directory, "socket");

    private async Task RunAsync()
    {
        var command = PostgresAccount.Command(
            PostgresBinaries.Find(BinDirectory).Postgres,
            ["-D", DataDirectory, "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", SocketDirectory, "-c", "fsync=off"]);
        var server = ManagedProcess.Start(
            new ProcessSpec("postgres", command.FileName, command.Arguments, new Dictionary<string, string?>()) with { StopSignal = SigInt });
        _server = server;
        var ready = server.Output.WaitForLineAsync(l => l.Contains("ready to accept connections", StringComparison.Ordinal), Timeout);
        if (await Task.WhenAny(ready, server.Exited) != ready)
        {
            throw new InvalidOperationException($"postgres exited with code {await server.Exited} before it was ready:{Environment.NewLine}{server.Tail()}");
        }
    }

    /// <summary>A temp folder the postgres user may enter (temp subdirectories are owner-only), to reach its data below.</summary>
    private static string TraversableTempDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("traceapp-postgres-");
        directory.UnixFileMode |= UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return directory.FullName;
    }
}
