using System.Diagnostics;
using Npgsql;
using TraceApp.Hosting.Execution;
using TraceApp.Hosting.Servers;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Hosting.Servers;

/// <summary>One real PostgreSQL 15 server on a temp data directory, shared by a test class; can be restarted.</summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private string? _directory;

    public PostgresServerSettings Settings { get; private set; } = null!;

    public ManagedProcess? Server { get; private set; }

    /// <summary>How long the first InitializeAsync (initdb) took.</summary>
    public TimeSpan InitializeDuration { get; private set; }

    public async Task InitializeAsync()
    {
        _directory = ServerTestSupport.CreateTempDirectory("traceapp-pg-");
        // Characters that need quoting in a connection string (; ' " =) and a space.
        Settings = new PostgresServerSettings(
            FreePort.Next(), "traceapp_test", "pa;ss 'w\"o=rd", Path.Combine(_directory, "data"), Path.Combine(_directory, "socket"));

        var stopwatch = Stopwatch.StartNew();
        await PostgresSetup.InitializeAsync(Settings, CancellationToken.None);
        InitializeDuration = stopwatch.Elapsed;
        await StartAsync();
    }

    public async Task StartAsync()
    {
        Server = ManagedProcess.Start(PostgresSetup.CreateServerCommand("postgres", Settings, forTests: true));
        await ServerTestSupport.WaitUntilHealthyAsync(ct => PostgresHealthProbe.CheckAsync(Settings, ct));
    }

    /// <summary>Closes the tests' pooled connections (smart shutdown waits for clients), then stops the server.</summary>
    public async Task<int> StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var server = Server ?? throw new InvalidOperationException("The server is not running.");
        var exitCode = await server.StopAsync(Grace);
        await server.DisposeAsync();
        return exitCode;
    }

    public async Task DisposeAsync()
    {
        if (Server is { HasExited: false })
        {
            await StopAsync();
        }

        if (_directory is null)
        {
            return;
        }

        foreach (var pid in ServerTestSupport.PostgresProcessesFor(Settings.DataDirectory))
        {
            using var leftover = Process.GetProcessById(pid);
            leftover.Kill(entireProcessTree: true);
        }

        ServerTestSupport.DeleteDirectory(_directory);
    }
}
