using System.Text;
using TraceApp.Jobs.Contracts;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Worker;

/// <summary>
/// The built Worker as real processes on a real PostgreSQL and nats-server: jobs are created in the store and
/// dispatched on NATS as the Api does, with a traceparent; the store then shows what the workers did.
/// </summary>
public sealed class WorkerJobTests(TwoWorkers system) : IClassFixture<TwoWorkers>
{
    private static readonly JobEventType[] FullHistory =
        [JobEventType.Submitted, JobEventType.Acknowledged, JobEventType.Started, JobEventType.Completed];

    [Fact]
    public async Task A_job_for_a_host_runs_on_that_worker_in_the_publishers_trace()
    {
        var trace = TraceParent.New();

        var job = await system.SubmitAsync(JobOperations.NodeHostname, JobTarget.ForHost("alpha"), trace);

        var details = await system.FinishedAsync(job.Id);
        Assert.Equal(JobStatus.Completed, details.Job.Status);
        Assert.Equal("worker-a", details.Job.Worker);
        var result = Assert.Single(details.Results);
        Assert.Equal(("worker-a", "alpha", null), (result.Worker, result.Host, result.Error));
        Assert.Equal(System.Net.Dns.GetHostName(), result.Payload!.Value.GetProperty("hostname").GetString());
        Assert.Equal(FullHistory, details.Events.Select(e => e.Type));
        Assert.All(details.Events.Skip(1), e => Assert.Equal(("worker-a", trace.TraceId), (e.Worker, e.TraceId)));

        var lines = system.A.Output.Lines.Where(l => l.Contains(job.Id.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l.Contains("Processing job", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("completed", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Contains($"trace_id={trace.TraceId}", l, StringComparison.Ordinal));
        Assert.DoesNotContain(system.B.Output.Lines, l => l.Contains(job.Id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_operation_that_fails_ends_the_job_failed_with_its_message()
    {
        var trace = TraceParent.New();

        // A valid host name that never resolves (RFC 6761 .invalid): nothing is pinged.
        var job = await system.SubmitAsync(JobOperations.NetworkPing, JobTarget.ForHost("beta"), trace, """{"host": "no-such-host.invalid", "count": 1}""");

        var details = await system.FinishedAsync(job.Id);
        Assert.Equal(JobStatus.Failed, details.Job.Status);
        Assert.Contains("no-such-host.invalid", details.Job.Error, StringComparison.Ordinal);
        var result = Assert.Single(details.Results);
        Assert.Equal(("worker-b", details.Job.Error), (result.Worker, result.Error));
        var failed = Assert.Single(details.Events, e => e.Type == JobEventType.Failed);
        Assert.Equal((details.Job.Error, trace.TraceId), (failed.Message, failed.TraceId));
        await system.B.Output.WaitForLineAsync(
            l => l.Contains($"Job {job.Id} network.ping failed", StringComparison.Ordinal) && l.Contains($"trace_id={trace.TraceId}", StringComparison.Ordinal),
            WorkerSystem.Timeout);
    }

    [Fact]
    public async Task A_dispatch_delivered_twice_runs_the_job_once()
    {
        var trace = TraceParent.New();
        var job = await system.SubmitAsync(JobOperations.NodeUptime, JobTarget.ForHost("alpha"), trace);
        await system.FinishedAsync(job.Id);

        await system.PublishAsync(job, trace);

        await system.A.Output.WaitForLineAsync(l => l.Contains($"Job {job.Id} not run", StringComparison.Ordinal), WorkerSystem.Timeout);
        var details = (await system.Store.GetAsync(job.Id))!;
        Assert.Equal(JobStatus.Completed, details.Job.Status);
        Assert.Single(details.Results);
        Assert.Equal(FullHistory, details.Events.Select(e => e.Type));
        Assert.Equal(1, details.Job.Attempts);
    }

    [Fact]
    public async Task Jobs_on_any_are_shared_by_the_queue_group_and_each_runs_exactly_once()
    {
        var trace = TraceParent.New();
        var jobs = new List<Job>();
        for (var i = 0; i < 40; i++)
        {
            jobs.Add(await system.SubmitAsync(JobOperations.NodeLoad, JobTarget.Any, trace));
        }

        var finished = new List<JobDetails>();
        foreach (var job in jobs)
        {
            finished.Add(await system.FinishedAsync(job.Id));
        }

        Assert.All(finished, details =>
        {
            Assert.Equal(JobStatus.Completed, details.Job.Status);
            Assert.Equal(details.Job.Worker, Assert.Single(details.Results).Worker);
            Assert.Equal(FullHistory, details.Events.Select(e => e.Type));
        });
        Assert.Equal(["worker-a", "worker-b"], finished.Select(d => d.Job.Worker!).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_job_on_all_gets_one_result_from_every_worker()
    {
        var trace = TraceParent.New();

        var job = await system.SubmitAsync(JobOperations.NodeOs, JobTarget.All, trace, expectedWorkers: ["worker-a", "worker-b"]);

        var details = await system.FinishedAsync(job.Id);
        Assert.Equal(JobStatus.Completed, details.Job.Status);
        Assert.Equal([("worker-a", "alpha"), ("worker-b", "beta")], details.Results.Select(r => (r.Worker, r.Host)));
        Assert.All(details.Results, r => Assert.Null(r.Error));
        Assert.Equal(2, details.Events.Count(e => e.Type == JobEventType.Completed));
        Assert.All(details.Events.Skip(1), e => Assert.Equal(trace.TraceId, e.TraceId));
    }

    [Fact]
    public async Task Workers_register_with_their_host_and_subjects()
    {
        var live = await system.Registry.ListLiveAsync();

        var a = Assert.Single(live, w => w.Name == "worker-a");
        Assert.Equal("alpha", a.Host);
        Assert.Equal(
            ["jobs.modify._all", "jobs.modify._any", "jobs.modify.host.alpha", "jobs.query._all", "jobs.query._any", "jobs.query.host.alpha"],
            a.Subjects.Order(StringComparer.Ordinal));
        Assert.Equal("beta", Assert.Single(live, w => w.Name == "worker-b").Host);
    }

    [Fact]
    public async Task A_malformed_message_is_dropped_with_a_warning()
    {
        await system.Nats.PublishAsync("jobs.query.host.beta", Encoding.UTF8.GetBytes("not a dispatch"));

        await system.B.Output.WaitForLineAsync(l => l.Contains("Dropped a malformed job message on jobs.query.host.beta", StringComparison.Ordinal), WorkerSystem.Timeout);
    }
}
