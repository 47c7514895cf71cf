using System.Net.Sockets;
using TraceApp.Hosting.Execution;
using TraceApp.Hosting.Servers;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Hosting.Servers;

/// <summary>Stopping nats-server (without JetStream): its own server, since the test ends it.</summary>
public sealed class NatsServerShutdownTests : IAsyncLifetime
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private NatsServerSettings _settings = null!;
    private ManagedProcess? _server;

    public async Task InitializeAsync()
    {
        _settings = new NatsServerSettings(FreePort.Next(), FreePort.Next(), "traceapp", "secret", JetStreamDirectory: null);
        _server = ManagedProcess.Start(NatsServerCommand.Create("nats", _settings));
        await ServerTestSupport.WaitUntilHealthyAsync(ProbeAsync);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Stop_ends_the_server_within_the_grace_period_and_the_port_closes()
    {
        var server = _server!;
        var stopping = server.StopAsync(Grace);
        var finished = await Task.WhenAny(stopping, Task.Delay(Grace));

        Assert.Same(stopping, finished); // StopAsync kills only after the grace period: SIGTERM was enough.
        Assert.True(server.HasExited);
        Assert.Contains(server.StandardError.Lines, l => l.Contains("Server Exiting", StringComparison.Ordinal));
        await Assert.ThrowsAsync<SocketException>(() => ProbeAsync(CancellationToken.None));
    }

    private Task ProbeAsync(CancellationToken ct) =>
        NatsHealthProbe.CheckAsync("127.0.0.1", _settings.Port, _settings.User, _settings.Password, ct);
}
