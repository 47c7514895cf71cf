using Microsoft.Extensions.Options;
using NATS.Client.Core;
using Npgsql;
using TraceApp.Jobs.Contracts;
using TraceApp.Jobs.Store;
using TraceApp.Messaging;
using TraceApp.Tests.Infrastructure;
using TraceApp.Tests.Infrastructure.Servers;

namespace TraceApp.Tests.Worker;

/// <summary>
/// A real PostgreSQL and nats-server with built Worker processes on them, shared by a test class, with tracing on
/// and debug logs. The test side creates jobs in the store and publishes their dispatch as the Api does. Ready once
/// every worker listens and has registered (which means they migrated the store).
/// </summary>
public abstract class WorkerSystem(IReadOnlyList<(string Name, string Host)> workers, IReadOnlyDictionary<string, string?> environment) : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private PostgresServerProcess? _postgres;
    private NatsServerProcess? _nats;
    private NpgsqlDataSource? _dataSource;

    public IReadOnlyList<RunningProgram> Workers { get; private set; } = [];

    public PostgresServerProcess Postgres => _postgres ?? throw new InvalidOperationException("Not started.");

    public NatsServerProcess NatsServer => _nats ?? throw new InvalidOperationException("Not started.");

    public JobStore Store { get; private set; } = null!;

    public WorkerRegistry Registry { get; private set; } = null!;

    public NatsConnection Nats { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServerProcess.StartNewAsync();
        _nats = await NatsServerProcess.StartNewAsync();
        Workers = [.. workers.Select(w => StartWorker(w.Name, w.Host))];
        _dataSource = NpgsqlDataSource.Create(_postgres.ConnectionString);
        var options = Options.Create(new JobStoreOptions());
        Store = new JobStore(_dataSource, TimeProvider.System, options);
        Registry = new WorkerRegistry(_dataSource, TimeProvider.System, options);
        Nats = new NatsConnection(NatsConnectionString.Parse(_nats.ConnectionString));
        foreach (var worker in Workers)
        {
            await worker.Output.WaitForLineAsync(l => l.Contains(" listening on jobs.", StringComparison.Ordinal), Timeout);
        }

        await Eventually.WaitUntilAsync(
            async () => (await Registry.ListLiveAsync()).Select(w => w.Name).Order(StringComparer.Ordinal).SequenceEqual(workers.Select(w => w.Name).Order(StringComparer.Ordinal)),
            Timeout, "every worker to register", IsDatabaseNotReady);
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in Workers)
        {
            await worker.DisposeAsync();
        }

        if (Nats is not null)
        {
            await Nats.DisposeAsync();
        }

        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_nats is not null)
        {
            await _nats.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    /// <summary>Creates a job carrying <paramref name="trace"/> and publishes its dispatch with that traceparent.</summary>
    public async Task<Job> SubmitAsync(JobOperation operation, JobTarget target, TraceParent trace, string? parameters = null, IReadOnlyList<string>? expectedWorkers = null)
    {
        var json = parameters is null ? (System.Text.Json.JsonElement?)null : System.Text.Json.JsonDocument.Parse(parameters).RootElement;
        var job = await Store.CreateAsync(new NewJob(operation, target, json, trace.TraceId, trace.Header, expectedWorkers));
        await PublishAsync(job, trace);
        return job;
    }

    public async Task PublishAsync(Job job, TraceParent trace)
    {
        var subject = JobSubjects.For(JobOperations.TryFind(job.Operation, out var operation) ? operation.Kind : JobKind.Query, JobTarget.Parse(job.Target));
        using var caller = trace.StartAsCurrent();
        await Nats.PublishAsync(subject, new JobDispatch(job.Id).ToUtf8Bytes(), headers: new NatsHeaders { ["traceparent"] = trace.Header });
    }

    /// <summary>The job's details once it is finished.</summary>
    public async Task<JobDetails> FinishedAsync(Guid id)
    {
        JobDetails? details = null;
        await Eventually.WaitUntilAsync(async () => (details = await Store.GetAsync(id)) is { Job.Status: var s } && s.IsFinished(), Timeout, $"job {id} to finish", IsDatabaseNotReady);
        return details!;
    }

    /// <summary>The workers have not created the tables yet.</summary>
    private static bool IsDatabaseNotReady(Exception exception) => exception is NpgsqlException or PostgresException;

    private RunningProgram StartWorker(string name, string host)
    {
        var env = new Dictionary<string, string?>(environment)
        {
            ["ConnectionStrings__traceapp"] = _postgres!.ConnectionString,
            ["ConnectionStrings__nats"] = _nats!.ConnectionString,
            ["Worker__Name"] = name,
            ["Worker__HostName"] = host,
            ["TRACEAPP_TELEMETRY_TRACING_ENABLED"] = "true",
            ["Logging__LogLevel__TraceApp.Worker"] = "Debug",
        };
        return RunningProgram.Start("Worker", env);
    }
}

/// <summary>worker-a on host <c>alpha</c> and worker-b on host <c>beta</c>, logging trace ids (no exporter).</summary>
public sealed class TwoWorkers() : WorkerSystem([("worker-a", "alpha"), ("worker-b", "beta")], new Dictionary<string, string?>())
{
    public RunningProgram A => Workers[0];

    public RunningProgram B => Workers[1];
}

/// <summary>One worker, worker-s on host <c>gamma</c>, writing its spans to stdout as JSON lines.</summary>
public sealed class TracingWorker()
    : WorkerSystem([("worker-s", "gamma")], new Dictionary<string, string?> { ["TRACEAPP_TELEMETRY_TRACING_EXPORTER"] = "stdout" })
{
    public RunningProgram Worker => Workers[0];
}
