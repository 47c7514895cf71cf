using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using TraceApp.Workflows;
using TraceApp.Workflows.V1;

namespace TraceApp.Benchmarks.Workflows;

/// <param name="StartP50">The StartWorkflow call alone, ms (a floor of the wake-up).</param>
/// <param name="WakeUpP50">From sending StartWorkflow to the held PollTask's answer with that run, ms.</param>
internal sealed record WakeUpResult(int Count, double StartP50, double StartP99, double WakeUpP50, double WakeUpP99);

/// <summary>
/// Wake-up latency, one run at a time: a raw WorkerService client (generated from workflows.proto, no SDK) holds a
/// PollTask open on an empty task queue; the benchmark starts a run there and takes the time until the poll
/// answers with it (LISTEN/NOTIFY in the server), then completes the run so nothing is left for the next poll.
/// </summary>
internal static class WakeUpRound
{
    public const string WorkflowType = "bench.wakeup";

    /// <summary>Time for a sent PollTask to be parked in the server before the run is started (not measured).</summary>
    private static readonly TimeSpan PollSettle = TimeSpan.FromMilliseconds(30);

    public static async Task<WakeUpResult> MeasureAsync(
        WorkflowService.WorkflowServiceClient workflows, WorkerService.WorkerServiceClient worker, int count, CancellationToken ct)
    {
        var taskQueue = $"wakeup-{Guid.NewGuid():N}";
        var registered = await worker.RegisterAsync(
            new RegisterRequest { Namespace = WorkflowDefaults.Namespace, TaskQueue = taskQueue, WorkflowTypes = { WorkflowType }, MaxConcurrency = 1, Identity = "wake-up benchmark" },
            cancellationToken: ct);
        var warmUp = Math.Max(count / 10, 5);
        var starts = new List<double>(count);
        var wakeUps = new List<double>(count);
        for (var i = 0; i < warmUp + count; i++)
        {
            var (start, wakeUp) = await MeasureOneAsync(workflows, worker, registered.WorkerId, taskQueue, ct);
            if (i >= warmUp)
            {
                starts.Add(start);
                wakeUps.Add(wakeUp);
            }
        }

        await worker.DeregisterAsync(new DeregisterRequest { WorkerId = registered.WorkerId }, cancellationToken: ct);
        starts.Sort();
        wakeUps.Sort();
        return new WakeUpResult(count, starts[count / 2], starts[(int)(count * 0.99)], wakeUps[count / 2], wakeUps[(int)(count * 0.99)]);
    }

    private static async Task<(double Start, double WakeUp)> MeasureOneAsync(
        WorkflowService.WorkflowServiceClient workflows, WorkerService.WorkerServiceClient worker, string workerId, string taskQueue, CancellationToken ct)
    {
        using var poll = worker.PollTaskAsync(
            new PollTaskRequest
            {
                WorkerId = workerId,
                Namespace = WorkflowDefaults.Namespace,
                TaskQueue = taskQueue,
                WorkflowTypes = { WorkflowType },
                Wait = Duration.FromTimeSpan(TimeSpan.FromSeconds(20)),
            },
            cancellationToken: ct);
        await Task.Delay(PollSettle, ct);
        if (poll.ResponseAsync.IsCompleted)
        {
            throw new InvalidOperationException($"PollTask answered before any run was started: {await poll.ResponseAsync}");
        }

        // The answer may arrive before StartWorkflow's own response (the NOTIFY is sent at its commit): time it apart.
        var answeredAt = poll.ResponseAsync.ContinueWith(
            _ => Stopwatch.GetTimestamp(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var sent = Stopwatch.GetTimestamp();
        var started = await workflows.StartWorkflowAsync(
            new StartWorkflowRequest { WorkflowType = WorkflowType, TaskQueue = taskQueue, Input = "{}" }, cancellationToken: ct);
        var start = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
        var task = await poll.ResponseAsync;
        var wakeUp = Stopwatch.GetElapsedTime(sent, await answeredAt).TotalMilliseconds;
        if (!task.HasTask || task.RunId != started.RunId)
        {
            throw new InvalidOperationException($"PollTask answered {task} instead of run {started.RunId}.");
        }

        await worker.CompleteWorkflowAsync(new CompleteWorkflowRequest { WorkerId = workerId, RunId = task.RunId, Output = "{}" }, cancellationToken: ct);
        return (start, wakeUp);
    }
}
