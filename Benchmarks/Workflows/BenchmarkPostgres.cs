using System.Globalization;
using System.Security.Cryptography;
using TraceApp.Benchmarks.Processes;
using TraceApp.Hosting.Postgres;

namespace TraceApp.Benchmarks.Workflows;

/// <summary>
/// A throw-away PostgreSQL 15 for the workflows benchmark, set up as the AppHost sets up its local one (Hosting's
/// initdb and server command; as root it runs as the postgres user) on a free port of 127.0.0.1, in a temporary
/// directory. Durable (fsync on) unless <c>ephemeral</c>, which adds the AppHost's ephemeral settings
/// (fsync, synchronous_commit and full_page_writes off).
/// </summary>
internal sealed class BenchmarkPostgres : IAsyncDisposable
{
    private const string User = "traceapp";
    private const string Database = "traceapp";

    private readonly DirectoryInfo _directory;
    private readonly ChildProcess _process;

    private BenchmarkPostgres(DirectoryInfo directory, ChildProcess process, int port, string password)
    {
        _directory = directory;
        _process = process;
        ConnectionString = ConnectionStringFor(port, password, Database);
    }

    /// <summary>What the AppHost gives services as <c>ConnectionStrings__traceapp</c>.</summary>
    public string ConnectionString { get; }

    public static async Task<BenchmarkPostgres> StartAsync(bool ephemeral, CancellationToken ct)
    {
        var directory = Directory.CreateTempSubdirectory("traceapp-bench-postgres-");
        // Created 0700; the postgres user must reach the data below it.
        File.SetUnixFileMode(directory.FullName, File.GetUnixFileMode(directory.FullName) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var binaries = PostgresBinaries.Find();
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var (data, socket) = (Path.Combine(directory.FullName, "data"), Path.Combine(directory.FullName, "socket"));
        await PostgresSetup.InitializeAsync(binaries, data, socket, User, password, ct);
        var port = LoopbackPort.Next();
        List<string> arguments = ["-D", data, "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-k", socket];
        if (ephemeral)
        {
            arguments.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        var command = PostgresAccount.Command(binaries.Postgres, arguments);
        var server = new BenchmarkPostgres(directory, ChildProcess.Start(command.FileName, command.Arguments), port, password);
        try
        {
            await server._process.WaitForLineAsync(
                l => l.Contains("ready to accept connections", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "PostgreSQL to accept connections", ct);
            await PostgresSetup.CreateDatabaseAsync(ConnectionStringFor(port, password, "postgres"), Database, ct);
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
        if (!_process.Exited.IsCompleted)
        {
            ProcessSignals.Send(_process.Id, ProcessSignals.SigInt); // fast shutdown
            try
            {
                await _process.Exited.WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException)
            {
                _process.KillTree();
            }
        }

        _process.Dispose();
        _directory.Delete(recursive: true);
    }

    private static string ConnectionStringFor(int port, string password, string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Username={User};Password={password};Database={database}");
}
