using System.Globalization;
using System.Net;
using System.Net.Sockets;
using TraceApp.Benchmarks.Processes;

namespace TraceApp.Benchmarks;

/// <summary>
/// A throw-away nats-server (Debian package <c>nats-server</c>) on a free port of 127.0.0.1, no JetStream, with a
/// user and password; ready once it logs "Server is ready", stopped with SIGTERM (SIGKILL after 10 s).
/// </summary>
internal sealed class NatsServer : IAsyncDisposable
{
    public const string User = "bench";
    public const string Password = "bench";

    // Debian installs nats-server in /usr/sbin, which is not on an ordinary user's PATH.
    private static readonly string[] FallbackDirectories = ["/usr/sbin", "/usr/local/sbin", "/usr/local/bin"];

    private readonly ChildProcess _process;

    private NatsServer(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The connection string TraceApp's services get from the AppHost.</summary>
    public string ConnectionString => $"nats://{User}:{Password}@127.0.0.1:{Port}";

    public static async Task<NatsServer> StartAsync(CancellationToken ct = default)
    {
        var port = FreePort();
        var process = ChildProcess.Start(
            FindExecutable(),
            ["-a", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "--user", User, "--pass", Password]);
        var server = new NatsServer(process, port);
        try
        {
            await process.WaitForLineAsync(l => l.Contains("Server is ready", StringComparison.Ordinal), TimeSpan.FromSeconds(20), "\"Server is ready\" from nats-server", ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.StopAsync(TimeSpan.FromSeconds(10));

    private static string FindExecutable()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(FallbackDirectories)
            .Select(directory => Path.Combine(directory, "nats-server"))
            .FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("nats-server not found on PATH: install the Debian package nats-server (apt-get install -y nats-server).");
    }

    // The port is free when asked; nats-server binds it a moment later (the usual, tolerable race of a benchmark).
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
