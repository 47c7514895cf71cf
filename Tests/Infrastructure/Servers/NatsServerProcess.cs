using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TraceApp.Hosting.Nats;
using TraceApp.Tests.Infrastructure.Processes;

namespace TraceApp.Tests.Infrastructure.Servers;

/// <summary>
/// A real nats-server (Debian's package) for tests: 127.0.0.1 on a free port kept across restarts, one user with a
/// random password in a config file only the owner can read, in a temporary directory removed on dispose.
/// <see cref="StartAsync"/> returns once the server logs "Server is ready" (or fails with its output if it exits).
/// With <paramref name="clusterPort"/> it joins a cluster whose other nodes listen on <paramref name="routePorts"/>
/// (give them the same <paramref name="password"/>, so a client can fail over from one to another).
/// </summary>
public sealed class NatsServerProcess(int? clusterPort = null, IReadOnlyList<int>? routePorts = null, string? password = null)
    : IAsyncDisposable
{
    public const string User = "traceapp";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);
    private readonly string _directory = Directory.CreateTempSubdirectory("traceapp-nats-").FullName;
    private ManagedProcess? _process;

    public int Port { get; } = FreePort.Next();

    public string Password { get; } = password ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>What the AppHost gives services as <c>ConnectionStrings__nats</c>.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"nats://{User}:{Password}@127.0.0.1:{Port}");

    public string Url => string.Create(CultureInfo.InvariantCulture, $"nats://127.0.0.1:{Port}");

    public static async Task<NatsServerProcess> StartNewAsync()
    {
        return await ServerProcess.StartOrDisposeAsync(new NatsServerProcess(), server => server.StartAsync());
    }

    public async Task StartAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("nats-server is already running.");
        }

        var process = ManagedProcess.Start(new ProcessSpec("nats-server", NatsBinary.Find(), Arguments(), new Dictionary<string, string?>(), _directory));
        _process = process;
        var ready = process.Output.WaitForLineAsync(l => l.Contains("Server is ready", StringComparison.Ordinal), ReadyTimeout);
        if (await Task.WhenAny(ready, process.Exited) != ready)
        {
            throw new InvalidOperationException($"nats-server exited with code {await process.Exited} before it was ready:{Environment.NewLine}{process.Tail()}");
        }

        await ready;
    }

    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await process.StopAsync(TimeSpan.FromSeconds(10));
            await process.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private List<string> Arguments()
    {
        List<string> arguments = ["-a", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-c", NatsAuthorizationFile.Write(_directory, User, Password)];
        if (clusterPort is { } cluster)
        {
            arguments.AddRange(["--cluster_name", "traceapp-test", "--cluster", $"nats://127.0.0.1:{cluster.ToString(CultureInfo.InvariantCulture)}"]);
            if (routePorts is { Count: > 0 })
            {
                arguments.AddRange(["--routes", string.Join(',', routePorts.Select(p => $"nats://127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}"))]);
            }
        }

        return arguments;
    }
}
