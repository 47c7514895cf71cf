using TraceApp.Jobs.Contracts;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Worker;

/// <summary>worker-d on host <c>delta</c>, stopped by a test.</summary>
public sealed class StoppableWorker() : WorkerSystem([("worker-d", "delta")], new Dictionary<string, string?>())
{
    public RunningProgram Worker => Workers[0];
}

/// <summary>A stopping worker stops taking jobs but lets the running ones finish.</summary>
public sealed class WorkerShutdownTests(StoppableWorker system) : IClassFixture<StoppableWorker>
{
    [Fact]
    public async Task A_job_running_when_the_worker_is_stopped_still_completes()
    {
        var trace = TraceParent.New();
        // Three loopback pings, one a second: the job runs for about two seconds.
        var job = await system.SubmitAsync(JobOperations.NetworkPing, JobTarget.ForHost("delta"), trace, """{"host": "127.0.0.1", "count": 3}""");
        await system.Worker.Output.WaitForLineAsync(l => l.Contains($"Processing job {job.Id}", StringComparison.Ordinal), WorkerSystem.Timeout);

        Assert.Equal(0, await system.Worker.StopAsync());

        var details = (await system.Store.GetAsync(job.Id))!;
        Assert.Equal(JobStatus.Completed, details.Job.Status);
        Assert.Equal(3, Assert.Single(details.Results).Payload!.Value.GetProperty("replies").GetArrayLength());
        Assert.Contains(system.Worker.Output.Lines, l => l.Contains("waiting for 1 running jobs", StringComparison.Ordinal));
    }
}
