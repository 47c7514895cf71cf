using System.Globalization;
using System.Runtime.InteropServices;
using Grpc.Core;
using TraceApp.Grpc.Client;
using TraceApp.Workflows.Client;
using TraceApp.Workflows.V1;

namespace TraceApp.Benchmarks.Workflows;

/// <summary>
/// Issue 12's figures, on a PostgreSQL and a Release WorkflowServer process the benchmark starts itself: wake-up
/// latency (StartWorkflow → the held PollTask's answer, p50/p99) with a raw WorkerService client, then 3-step
/// workflows/s end to end with 1 and 4 worker runtimes (in-process generic hosts with <c>AddWorkflowWorker</c>).
/// Tracing on in every process by default, with no exporter (spans are recorded, not sent), so figures do not
/// depend on a collector; <c>--otlp URL</c> exports, <c>--tracing off</c> records nothing.
/// </summary>
public static class WorkflowsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        WorkflowsBenchmarkOptions options;
        try
        {
            options = WorkflowsBenchmarkOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        try
        {
            await WorkflowServerProcess.BuildAsync(cancel.Token);
            await MeasureAsync(options, cancel.Token);
            return 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("Workflows benchmark interrupted; what it had started is stopped.");
            return 1;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or IOException or RpcException or NotImplementedException)
        {
            Console.Error.WriteLine($"Workflows benchmark failed: {e.GetType().Name}: {e.Message}");
            return 1;
        }

        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            cancel.Cancel();
        }
    }

    private static async Task MeasureAsync(WorkflowsBenchmarkOptions options, CancellationToken ct)
    {
        var load = File.ReadAllText("/proc/loadavg").Trim();
        Console.WriteLine($"Starting PostgreSQL ({(options.EphemeralPostgres ? "ephemeral: fsync off" : "durable: fsync on")}) and WorkflowServer ({options.TracingDescription}) …");
        await using var postgres = await BenchmarkPostgres.StartAsync(options.EphemeralPostgres, ct);
        using var channels = new GrpcChannels();
        await using var server = await WorkflowServerProcess.StartAsync(postgres.ConnectionString, options, channels, ct);
        using var telemetry = await BenchmarkTelemetry.StartAsync(options, ct);
        var workflows = channels.CreateClient(server.Address, i => new WorkflowService.WorkflowServiceClient(i));
        var workerService = channels.CreateClient(server.Address, i => new WorkerService.WorkerServiceClient(i));

        Console.WriteLine($"Wake-up: {options.WakeUps} sequential runs …");
        var wakeUp = await WakeUpRound.MeasureAsync(workflows, workerService, options.WakeUps, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  StartWorkflow → PollTask answer p50 {wakeUp.WakeUpP50:F2} ms, p99 {wakeUp.WakeUpP99:F2} ms"));

        var client = new WorkflowClient(workflows);
        List<ThroughputResult> throughput = [];
        foreach (var workers in options.WorkerCounts)
        {
            var taskQueue = $"bench-{workers}-{Guid.NewGuid():N}";
            Console.WriteLine($"Throughput: {workers} worker runtime(s) × {options.MaxConcurrency} concurrent runs, {options.Runs} workflows after a warm-up of {Math.Max(options.Runs / 10, 1)} …");
            await using var running = await InProcessWorkers.StartAsync(server.Address, taskQueue, workers, options.MaxConcurrency, ct);
            await ThroughputRound.MeasureAsync(client, taskQueue, workers, Math.Max(options.Runs / 10, 1), ct);
            var result = await ThroughputRound.MeasureAsync(client, taskQueue, workers, options.Runs, ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {result.PerSecond:F0} workflows/s (starts {result.StartsPerSecond:F0}/s; run latency p50 {result.LatencyP50:F0} ms)"));
            throughput.Add(result);
        }

        Print(options, wakeUp, throughput, load);
    }

    private static void Print(WorkflowsBenchmarkOptions options, WakeUpResult wakeUp, IReadOnlyList<ThroughputResult> throughput, string load)
    {
        var rows = string.Join(Environment.NewLine, throughput.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"| {r.Workers} × {options.MaxConcurrency} | {r.Runs:N0} | {r.PerSecond:N0} | {r.StartsPerSecond:N0} | {r.LatencyP50:F0} ms | {r.LatencyP99:F0} ms |")));
        var best = throughput.Count > 0 ? throughput.Max(r => r.PerSecond) : 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            Workflows: WorkflowServer -c Release on PostgreSQL 15 ({(options.EphemeralPostgres ? "fsync off" : "fsync on")}), {options.TracingDescription}; worker runtimes in-process (AddWorkflowWorker, one generic host each)
            {Environment.ProcessorCount} cores, load average at start {load}, at end {File.ReadAllText("/proc/loadavg").Trim()}

            | Worker runtimes × concurrency | Workflows (3 no-op steps) | Workflows/s end to end | Starts/s | Run latency p50 | p99 |
            |---|---:|---:|---:|---:|---:|
            {rows}

            | Wake-up ({wakeUp.Count} sequential runs) | p50 | p99 |
            |---|---:|---:|
            | StartWorkflow call alone | {wakeUp.StartP50:F2} ms | {wakeUp.StartP99:F2} ms |
            | StartWorkflow sent → held PollTask answers with the run | {wakeUp.WakeUpP50:F2} ms | {wakeUp.WakeUpP99:F2} ms |

            Goal: ≥ 300 workflows/s ({(best >= 300 ? "met" : "not met")}: {best:N0}), wake-up p50 ≤ 10 ms ({(wakeUp.WakeUpP50 <= 10 ? "met" : "not met")}: {wakeUp.WakeUpP50:F2} ms).
            """));
    }
}
