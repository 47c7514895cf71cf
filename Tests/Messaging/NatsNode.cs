using TraceApp.Tests.Infrastructure.Processes;
using TraceApp.Hosting.Servers;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Messaging;

/// <summary>A nats-server the test stops and starts itself (same ports each time), for reconnect and failover tests.</summary>
public sealed class NatsNode : IAsyncDisposable
{
    private ManagedProcess? _process;

    public NatsNode(int? clusterPort = null, IReadOnlyList<int>? routePorts = null) =>
        Settings = new NatsServerSettings(FreePort.Next(), FreePort.Next(), "traceapp", "s3cret", null, clusterPort, routePorts);

    public NatsServerSettings Settings { get; }

    public string ConnectionString => NatsServerCommand.ConnectionString(Settings);

    public async Task StartAsync()
    {
        _process = ManagedProcess.Start(NatsServerCommand.Create("nats", Settings));
        await _process.StandardError.WaitForLineAsync(l => l.Contains("Server is ready", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
    }

    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(10));
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
