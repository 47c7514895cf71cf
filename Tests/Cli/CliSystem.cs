using TraceApp.Tests.Api;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Cli;

/// <summary>
/// The CLI's counterpart for a test class: a throw-away PostgreSQL and nats-server with the built Api and one
/// Worker (<c>cli-worker</c> on host <c>cli-host</c>) on them, both tracing so the CLI's trace continues.
/// </summary>
public sealed class CliSystem : IAsyncLifetime
{
    public const string WorkerName = "cli-worker";
    public const string WorkerHost = "cli-host";

    private readonly ApiServers _servers = new();
    private RunningProgram? _api;
    private RunningProgram? _worker;

    public Uri ApiUrl { get; private set; } = null!;

    public RunningProgram Api => _api ?? throw new InvalidOperationException("Not started.");

    public RunningProgram Worker => _worker ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        await _servers.InitializeAsync();
        var tracing = new Dictionary<string, string?> { ["TRACEAPP_TELEMETRY_TRACING_ENABLED"] = "true" };
        (_api, ApiUrl) = await RunningProgram.StartWebAsync("Api", _servers.Environment(tracing));
        _worker = RunningProgram.Start("Worker", _servers.Environment(new Dictionary<string, string?>(tracing)
        {
            ["Worker__Name"] = WorkerName,
            ["Worker__HostName"] = WorkerHost,
        }));
        await _worker.Output.WaitForLineAsync(l => l.Contains(" listening on jobs.", StringComparison.Ordinal), RunningProgram.StartTimeout);
    }

    /// <summary>Runs the CLI against this Api with <paramref name="token"/> (an admin token unless given; null sends none).</summary>
    public Task<TraceApp.Tests.Infrastructure.Processes.ManagedProcess> RunAsync(string[] args, string? token = "", IReadOnlyDictionary<string, string?>? environment = null)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["TRACEAPP_API_URL"] = ApiUrl.ToString(),
            ["TRACEAPP_TOKEN"] = token == "" ? TestTokens.Admin : token,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        return CliProcess.RunAsync(env, null, args);
    }

    public async Task DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }

        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        await _servers.DisposeAsync();
    }
}
