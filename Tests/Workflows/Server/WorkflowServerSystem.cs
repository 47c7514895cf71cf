using System.Text.Json;
using Grpc.Core;
using Npgsql;
using TraceApp.Grpc.Client;
using TraceApp.Tests.Infrastructure;
using TraceApp.Tests.Infrastructure.Servers;
using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Server;

/// <summary>
/// A real PostgreSQL and a built WorkflowServer process on it, shared by a test class: leases of
/// <see cref="LeaseDuration"/> (10 s; <see cref="ShortLeaseSystem"/>: 2 s) checked every 200 ms, tracing on with
/// spans written to stdout as JSON lines. Tests keep apart by using a task queue
/// of their own (<see cref="NewQueue"/>). <see cref="RestartAsync"/> stops the server with SIGTERM and starts a
/// new process on the same database.
/// </summary>
public class WorkflowServerSystem : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly GrpcChannels _channels = new();
    private PostgresServerProcess? _postgres;
    private NpgsqlDataSource? _dataSource;

    public RunningProgram Server { get; private set; } = null!;

    public Uri GrpcAddress { get; private set; } = null!;

    public Uri HttpAddress { get; private set; } = null!;

    public WorkflowService.WorkflowServiceClient Workflows { get; private set; } = null!;

    public WorkerService.WorkerServiceClient Workers { get; private set; } = null!;

    public NpgsqlDataSource Database => _dataSource ?? throw new InvalidOperationException("Not started.");

    public PostgresServerProcess Postgres => _postgres ?? throw new InvalidOperationException("Not started.");

    public virtual TimeSpan LeaseDuration => TimeSpan.FromSeconds(10);

    /// <summary>Extra WorkflowServer settings of a derived fixture.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServerProcess.StartNewAsync();
        _dataSource = NpgsqlDataSource.Create(_postgres.ConnectionString);
        await StartServerAsync();
    }

    public async Task DisposeAsync()
    {
        _channels.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    /// <summary>SIGTERM to the server, then a new server process on the same database (new ports, new clients).</summary>
    public async Task<int> RestartAsync()
    {
        var exitCode = await Server.StopAsync();
        await Server.DisposeAsync();
        await StartServerAsync();
        return exitCode;
    }

    /// <summary>A task queue no other test uses.</summary>
    public static string NewQueue() => "q-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Call options carrying <paramref name="trace"/> as the caller's traceparent.</summary>
    public static CallOptions As(TraceParent trace) => new(new Metadata { { "traceparent", trace.Header } });

    /// <summary>Registers a worker for <paramref name="queue"/> and the given types.</summary>
    public async Task<string> RegisterAsync(string queue, params string[] types)
    {
        var request = new RegisterRequest { TaskQueue = queue, MaxConcurrency = 4, Identity = "test" };
        request.WorkflowTypes.AddRange(types);
        return (await Workers.RegisterAsync(request)).WorkerId;
    }

    public async Task<PollTaskResponse> PollAsync(string workerId, string queue, TimeSpan wait) =>
        await Workers.PollTaskAsync(new PollTaskRequest { WorkerId = workerId, TaskQueue = queue, Wait = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(wait) });

    public async Task<GetWorkflowResponse> GetAsync(string runId) => await Workflows.GetWorkflowAsync(new GetWorkflowRequest { RunId = runId });

    /// <summary>The server's span lines (its stdout exporter) of one trace.</summary>
    public IReadOnlyList<JsonElement> SpansOf(string traceId) =>
        [.. Server.Output.Lines
            .Where(l => l.StartsWith('{') && l.Contains(traceId, StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(s => s.GetProperty("trace_id").GetString() == traceId)];

    /// <summary>Waits for a span named <paramref name="name"/> in <paramref name="traceId"/> (matching <paramref name="where"/>) and returns it.</summary>
    public async Task<JsonElement> SpanAsync(string traceId, string name, Func<JsonElement, bool>? where = null)
    {
        var line = await Server.Output.WaitForLineAsync(
            l => l.StartsWith('{') && l.Contains(traceId, StringComparison.Ordinal) && l.Contains($"\"name\":\"{name}\"", StringComparison.Ordinal)
                && (where is null || where(JsonDocument.Parse(l).RootElement)),
            Timeout);
        return JsonDocument.Parse(line).RootElement;
    }

    private async Task StartServerAsync()
    {
        int grpcPort = FreePort.Next(), httpPort = FreePort.Next();
        var environment = new Dictionary<string, string?>
        {
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort}",
            ["ConnectionStrings__traceapp"] = Postgres.ConnectionString,
            ["TRACEAPP_TELEMETRY_TRACING_ENABLED"] = "true",
            ["TRACEAPP_TELEMETRY_TRACING_EXPORTER"] = "stdout",
            ["WorkflowServer__LeaseDuration"] = LeaseDuration.ToString(),
            ["WorkflowServer__LeaseCheckInterval"] = "00:00:00.200",
            ["WorkflowServer__MetricsRefreshInterval"] = "00:00:01",
            ["Logging__LogLevel__TraceApp.WorkflowServer"] = "Debug",
        };
        foreach (var (key, value) in Settings)
        {
            environment[key] = value;
        }

        Server = RunningProgram.Start("WorkflowServer", environment);
        await Server.Output.WaitForLineAsync(l => l.Contains("Listening for workflow tasks", StringComparison.Ordinal), RunningProgram.StartTimeout);
        await Server.Output.WaitForLineAsync(l => l.Contains("Application started", StringComparison.Ordinal), RunningProgram.StartTimeout);
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}");
        Workflows = _channels.CreateClient(GrpcAddress, invoker => new WorkflowService.WorkflowServiceClient(invoker));
        Workers = _channels.CreateClient(GrpcAddress, invoker => new WorkerService.WorkerServiceClient(invoker));
    }
}

/// <summary>A <see cref="WorkflowServerSystem"/> whose leases last 2 s, for lease-expiry tests.</summary>
public sealed class ShortLeaseSystem : WorkflowServerSystem
{
    public override TimeSpan LeaseDuration => TimeSpan.FromSeconds(2);
}
