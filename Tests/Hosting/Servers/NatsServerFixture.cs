using TraceApp.Hosting.Execution;
using TraceApp.Hosting.Servers;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Hosting.Servers;

/// <summary>One real nats-server with JetStream in a temp directory, shared by a test class.</summary>
public sealed class NatsServerFixture : IAsyncLifetime
{
    private string? _directory;
    private ManagedProcess? _server;

    public NatsServerSettings Settings { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _directory = ServerTestSupport.CreateTempDirectory("traceapp-nats-");
        // Characters that must be escaped in JSON (") and in URLs (@ : /), and a space in the user name.
        Settings = new NatsServerSettings(
            FreePort.Next(), FreePort.Next(), "trace user", "p@ss:w/rd\"{}", Path.Combine(_directory, "jetstream"));
        _server = ManagedProcess.Start(NatsServerCommand.Create("nats", Settings));
        await ServerTestSupport.WaitUntilHealthyAsync(ProbeAsync);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        ServerTestSupport.DeleteDirectory(_directory);
    }

    public Task ProbeAsync(CancellationToken ct) =>
        NatsHealthProbe.CheckAsync("127.0.0.1", Settings.Port, Settings.User, Settings.Password, ct);
}
