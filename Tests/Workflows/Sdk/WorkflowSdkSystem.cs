using Grpc.Core;
using TraceApp.Grpc.Client;
using TraceApp.Tests.Infrastructure;
using TraceApp.Tests.Infrastructure.Servers;
using TraceApp.Workflows.Client;
using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Sdk;

/// <summary>
/// A real PostgreSQL and a built WorkflowServer (spans on stdout) shared by a test collection; tests start
/// WorkflowTestWorker processes against it, each on a task queue of its own so runs never cross tests.
/// </summary>
public abstract class WorkflowSdkSystem(IReadOnlyDictionary<string, string?> serverSettings) : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _directory = Directory.CreateTempSubdirectory("traceapp-wf-sdk-").FullName;
    private readonly GrpcChannels _channels = new();
    private readonly int _grpcPort = FreePort.Next();
    private readonly int _httpPort = FreePort.Next();
    private PostgresServerProcess? _postgres;

    public RunningProgram Server { get; private set; } = null!;

    public Uri GrpcAddress => new($"http://127.0.0.1:{_grpcPort}");

    public WorkflowService.WorkflowServiceClient Service { get; private set; } = null!;

    public WorkflowClient Client { get; private set; } = null!;

    public PostgresServerProcess Postgres => _postgres ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServerProcess.StartNewAsync();
        Service = _channels.CreateClient(GrpcAddress, invoker => new WorkflowService.WorkflowServiceClient(invoker));
        Client = new WorkflowClient(Service);
        await StartServerAsync();
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        _channels.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Starts WorkflowServer (again, on the same ports) and returns once it answers RPCs.</summary>
    public async Task StartServerAsync()
    {
        var env = new Dictionary<string, string?>(serverSettings)
        {
            ["ConnectionStrings__traceapp"] = Postgres.ConnectionString,
            ["Kestrel__Endpoints__Grpc__Url"] = GrpcAddress.ToString(),
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{_httpPort}",
            ["TRACEAPP_TELEMETRY_TRACING_ENABLED"] = "true",
            ["TRACEAPP_TELEMETRY_TRACING_EXPORTER"] = "stdout",
        };
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        Server = RunningProgram.Start("WorkflowServer", env);
        await Eventually.WaitUntilAsync(
            async () =>
            {
                try
                {
                    await Service.GetWorkflowAsync(new GetWorkflowRequest { RunId = Guid.NewGuid().ToString() });
                }
                catch (RpcException exception) when (exception.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
                {
                }

                return true;
            },
            Timeout, "WorkflowServer to answer", e => e is RpcException { StatusCode: StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown } && !Server.Process.HasExited);
    }

    public Task StopServerAsync() => Server.StopAsync();

    /// <summary>A new task queue, with a file its workflows' steps log to and a gate file they may wait for.</summary>
    public TestQueue NewQueue() => new($"q-{Guid.NewGuid():N}"[..20], Path.Combine(_directory, $"{Guid.NewGuid():N}"));

    /// <summary>Starts a WorkflowTestWorker on <paramref name="queue"/> and waits until it registered.</summary>
    public async Task<TestWorker> StartWorkerAsync(TestQueue queue, IReadOnlyDictionary<string, string?>? settings = null, bool waitForRegistration = true)
    {
        var env = new Dictionary<string, string?>
        {
            ["Workflows__ServerAddress"] = GrpcAddress.ToString(),
            ["Workflows__Worker__TaskQueue"] = queue.Name,
            ["Workflows__Worker__PollWait"] = "00:00:05",
            ["TRACEAPP_TELEMETRY_TRACING_ENABLED"] = "true",
            ["TRACEAPP_TELEMETRY_TRACING_EXPORTER"] = "stdout",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        var worker = new TestWorker(RunningProgram.Start("WorkflowTestWorker", env));
        if (waitForRegistration)
        {
            await worker.WaitForLogAsync("registered with WorkflowServer");
        }

        return worker;
    }

    /// <summary>Starts a run on <paramref name="queue"/> with the given input and options (retry policy...).</summary>
    public async Task<string> StartAsync<TInput>(TestQueue queue, string workflowType, TInput input, RetryPolicy? retryPolicy = null, string? traceParent = null)
    {
        var request = new StartWorkflowRequest
        {
            WorkflowType = workflowType,
            TaskQueue = queue.Name,
            Input = TraceApp.Workflows.WorkflowJson.Serialize(input),
            RetryPolicy = retryPolicy,
        };
        var headers = traceParent is null ? null : new Metadata { { "traceparent", traceParent } };
        return (await Service.StartWorkflowAsync(request, headers)).RunId;
    }

    public async Task<GetWorkflowResponse> CompletionAsync(string runId)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        return await Client.WaitForCompletionAsync(runId, timeout.Token);
    }

    public async Task<GetWorkflowResponse> WaitForStateAsync(string runId, WorkflowState state)
    {
        GetWorkflowResponse? last = null;
        await Eventually.WaitUntilAsync(async () => (last = await Client.GetAsync(runId)).Run.State == state, Timeout, $"run {runId} to be {state}");
        return last!;
    }
}

/// <summary>Runs with leases of 30 s (the default): a released run is back at once only if the worker released it.</summary>
public sealed class DefaultLeaseSystem() : WorkflowSdkSystem(new Dictionary<string, string?>());

/// <summary>Leases of 3 s checked twice a second: a killed worker's run is handed out again within seconds.</summary>
public sealed class ShortLeaseSystem() : WorkflowSdkSystem(new Dictionary<string, string?>
{
    ["WorkflowServer__LeaseDuration"] = "00:00:03",
    ["WorkflowServer__LeaseCheckInterval"] = "00:00:00.500",
});

[CollectionDefinition(Name)]
public sealed class DefaultLeaseCollection : ICollectionFixture<DefaultLeaseSystem>
{
    public const string Name = "workflow sdk (default lease)";
}

[CollectionDefinition(Name)]
public sealed class ShortLeaseCollection : ICollectionFixture<ShortLeaseSystem>
{
    public const string Name = "workflow sdk (short lease)";
}
