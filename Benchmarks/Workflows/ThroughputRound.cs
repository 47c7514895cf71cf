using System.Diagnostics;
using TraceApp.Workflows.Client;
using TraceApp.Workflows.V1;

namespace TraceApp.Benchmarks.Workflows;

/// <param name="Workers">Worker runtimes serving the round.</param>
/// <param name="PerSecond">Runs / (last run's finished_at − the moment the first StartWorkflow was sent).</param>
/// <param name="StartsPerSecond">Runs / the time the starters took to start them all.</param>
/// <param name="LatencyP50">A run's finished_at − created_at (server clock), ms.</param>
internal sealed record ThroughputResult(int Workers, int Runs, double PerSecond, double StartsPerSecond, double LatencyP50, double LatencyP99);

/// <summary>
/// Workflows/s end to end: <see cref="Starters"/> clients start <c>runs</c> 3-step no-op workflows with
/// <see cref="WorkflowClient"/> as fast as the server takes them, then the round waits until every run is COMPLETED
/// (watching the last one started, then checking all), and takes the end from the runs' own finished_at, so the
/// check after the fact costs nothing in the figure.
/// </summary>
internal static class ThroughputRound
{
    public const int Starters = 16;

    public static async Task<ThroughputResult> MeasureAsync(WorkflowClient client, string taskQueue, int workers, int runs, CancellationToken ct)
    {
        var options = new WorkflowStartOptions(TaskQueue: taskQueue);
        var runIds = new string[runs];
        var next = -1;
        var began = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Starters).Select(_ => Task.Run(
            async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < runs; i = Interlocked.Increment(ref next))
                {
                    runIds[i] = (await client.StartAsync(InProcessWorkers.WorkflowType, "1", options, ct)).RunId;
                }
            },
            ct)));
        var startsPerSecond = runs / clock.Elapsed.TotalSeconds;

        await WaitUntilFinishedAsync(client, runIds[^1], ct);
        var finished = new List<WorkflowRun>(runs);
        foreach (var runId in runIds)
        {
            var run = await WaitUntilFinishedAsync(client, runId, ct);
            if (run.State != WorkflowState.Completed || run.Output != "4")
            {
                throw new InvalidOperationException($"Run {run.RunId} ended {run.State} with output '{run.Output}', error '{run.Error}'.");
            }

            finished.Add(run);
        }

        var end = finished.Max(r => r.FinishedAt.ToDateTimeOffset());
        var latencies = finished.Select(r => (r.FinishedAt.ToDateTimeOffset() - r.CreatedAt.ToDateTimeOffset()).TotalMilliseconds).Order().ToArray();
        return new ThroughputResult(
            workers, runs, runs / (end - began).TotalSeconds, startsPerSecond, latencies[runs / 2], latencies[(int)(runs * 0.99)]);
    }

    private static async Task<WorkflowRun> WaitUntilFinishedAsync(WorkflowClient client, string runId, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var run = (await client.GetAsync(runId, ct)).Run;
            if (run.State is WorkflowState.Completed or WorkflowState.Failed or WorkflowState.Cancelled)
            {
                return run;
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"Run {runId} is still {run.State} after 5 minutes.");
            }

            await Task.Delay(20, ct);
        }
    }
}
