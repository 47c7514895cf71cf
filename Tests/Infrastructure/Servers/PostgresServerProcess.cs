using System.Globalization;
using System.Security.Cryptography;
using Npgsql;
using TraceApp.Tests.Infrastructure.Processes;

namespace TraceApp.Tests.Infrastructure.Servers;

/// <summary>
/// A real PostgreSQL 15 (Debian's package) for tests: a fresh cluster (initdb, scram-sha-256, fsync off) in a
/// temporary directory, 127.0.0.1 on a free port, one superuser with a random password and one database.
/// PostgreSQL refuses to run as root, so as root both run as the <c>postgres</c> user (initdb through runuser,
/// the server through setpriv, which execs in place so the stop signal reaches postgres itself).
/// <see cref="StartNewAsync"/> returns once the server accepts connections and the database exists.
/// </summary>
public sealed class PostgresServerProcess : IAsyncDisposable
{
    public const string User = "traceapp";

    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const int SigInt = 2; // "fast shutdown"
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _directory = Directory.CreateTempSubdirectory("traceapp-postgres-").FullName;
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

        var server = new PostgresServerProcess(database);
        try
        {
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.StopAsync(TimeSpan.FromSeconds(20));
            await server.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private string ConnectionStringFor(string database) => string.Create(
        CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username={User};Password={Password};Database={database}");

    private async Task StartAsync()
    {
        var data = Path.Combine(_directory, "data");
        var socket = Path.Combine(_directory, "socket");
        Directory.CreateDirectory(socket);
        var passwordFile = Path.Combine(_directory, "password");
        await File.WriteAllTextAsync(passwordFile, Password);
        if (IsRoot)
        {
            await RunAsync("chown", "-R", "postgres:postgres", _directory);
        }

        await RunAsync(
            AsPostgres("runuser", "-u", "postgres", "--"), Path.Combine(BinDirectory, "initdb"), "-D", data, "-U", User,
            "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions");

        var server = ManagedProcess.Start(Command(
            "postgres", AsPostgres("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"),
            Path.Combine(BinDirectory, "postgres"), "-D", data, "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture),
            "-k", socket, "-c", "fsync=off") with { StopSignal = SigInt });
        _server = server;
        var ready = server.Output.WaitForLineAsync(l => l.Contains("ready to accept connections", StringComparison.Ordinal), Timeout);
        if (await Task.WhenAny(ready, server.Exited) != ready)
        {
            throw new InvalidOperationException($"postgres exited with code {await server.Exited} before it was ready:{Environment.NewLine}{server.Tail()}");
        }

        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Database}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>The command prefix that runs a program as the postgres user when we are root; none otherwise.</summary>
    private static string[] AsPostgres(params string[] prefix) => IsRoot ? prefix : [];

    private static ProcessSpec Command(string name, string[] prefix, string program, params string[] arguments) =>
        prefix.Length == 0
            ? new ProcessSpec(name, program, arguments, new Dictionary<string, string?>())
            : new ProcessSpec(name, prefix[0], [.. prefix[1..], program, .. arguments], new Dictionary<string, string?>());

    private static Task RunAsync(string program, params string[] arguments) => RunAsync([], program, arguments);

    private static async Task RunAsync(string[] prefix, string program, params string[] arguments)
    {
        await using var process = ManagedProcess.Start(Command(Path.GetFileName(program), prefix, program, arguments));
        var exitCode = await process.Exited.WaitAsync(Timeout);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed with exit code {exitCode}:{Environment.NewLine}{process.Tail()}");
        }
    }
}
