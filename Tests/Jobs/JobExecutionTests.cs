using TraceApp.Jobs.Contracts;

namespace TraceApp.Tests.Jobs;

public sealed class JobExecutionTests(JobStoreDatabases databases) : IClassFixture<JobStoreDatabases>
{
    [Fact]
    public async Task Of_many_workers_claiming_one_job_at_once_exactly_one_wins()
    {
        var db = await databases.CreateStoreAsync();
        var job = await db.Store.CreateAsync(JobRequests.Hostname());

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => db.Store.AcknowledgeAsync(job.Id, $"worker-{i}", null))));

        var winner = Assert.Single(claims, c => c is not null)!;
        Assert.Equal((JobStatus.Acknowledged, 1), (winner.Status, winner.Attempts));
        var details = (await db.Store.GetAsync(job.Id))!;
        Assert.Equal(winner.Worker, details.Job.Worker);
        Assert.Equal(winner.Worker, Assert.Single(details.Events, e => e.Type == JobEventType.Acknowledged).Worker);
    }

    [Fact]
    public async Task The_holder_runs_the_job_through_started_to_completed_with_its_result()
    {
        var db = await databases.CreateStoreAsync();
        var job = await db.Store.CreateAsync(JobRequests.Hostname());

        await db.Store.AcknowledgeAsync(job.Id, "worker-1", "trace-ack");
        await db.Store.StartAsync(job.Id, "worker-1", "trace-start");
        db.Time.Advance(TimeSpan.FromSeconds(2));
        var completed = await db.Store.CompleteAsync(job.Id, "worker-1", "host-1", JobRequests.Json("""{"hostname":"host-1"}"""), "trace-done");

        Assert.Equal((JobStatus.Completed, JobStoreDatabases.Start.AddSeconds(2)), (completed.Status, completed.FinishedAt));
        var details = (await db.Store.GetAsync(job.Id))!;
        Assert.Equal(
            [JobEventType.Submitted, JobEventType.Acknowledged, JobEventType.Started, JobEventType.Completed],
            details.Events.Select(e => e.Type));
        Assert.Equal("trace-done", details.Events[^1].TraceId);
        var result = Assert.Single(details.Results);
        Assert.Equal(("worker-1", "host-1", "host-1", null), (result.Worker, result.Host, result.Payload!.Value.GetProperty("hostname").GetString(), result.Error));
    }

    [Fact]
    public async Task Only_the_holder_may_start_complete_or_fail_a_job()
    {
        var db = await databases.CreateStoreAsync();
        var job = await db.Store.CreateAsync(JobRequests.Hostname());
        await db.Store.AcknowledgeAsync(job.Id, "worker-1", null);

        await Assert.ThrowsAsync<JobStateConflictException>(() => db.Store.StartAsync(job.Id, "worker-2", null));
        await Assert.ThrowsAsync<JobStateConflictException>(() => db.Store.CompleteAsync(job.Id, "worker-2", "host-2", null, null));
        var conflict = await Assert.ThrowsAsync<JobStateConflictException>(() => db.Store.FailAsync(job.Id, "worker-2", "host-2", "boom", null));

        Assert.Contains("held by 'worker-1'", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(JobStatus.Acknowledged, (await db.Store.GetAsync(job.Id))!.Job.Status);
        await Assert.ThrowsAsync<JobNotFoundException>(() => db.Store.CompleteAsync(Guid.NewGuid(), "worker-1", "host-1", null, null));
    }

    [Fact]
    public async Task A_completed_job_is_never_claimed_again_and_a_repeated_report_changes_nothing()
    {
        var db = await databases.CreateStoreAsync();
        var job = await db.Store.CreateAsync(JobRequests.Hostname());
        await db.Workers.HeartbeatAsync(new WorkerRegistration("worker-1", "host-1", []));
        await db.Store.AcknowledgeAsync(job.Id, "worker-1", null);
        await db.Store.CompleteAsync(job.Id, "worker-1", "host-1", null, null);
        db.Time.Advance(db.Options.HeartbeatTimeout * 10);

        var again = await db.Store.CompleteAsync(job.Id, "worker-1", "host-1", null, null);

        Assert.Equal(JobStatus.Completed, again.Status);
        Assert.Null(await db.Store.AcknowledgeAsync(job.Id, "worker-2", null));
        Assert.Null(await db.Store.AcknowledgeAsync(job.Id, "worker-1", null));
        await Assert.ThrowsAsync<JobStateConflictException>(() => db.Store.FailAsync(job.Id, "worker-2", "host-2", "late", null));
        var details = (await db.Store.GetAsync(job.Id))!;
        Assert.Single(details.Events, e => e.Type == JobEventType.Completed);
        Assert.Single(details.Results);
        Assert.Empty(await db.Store.FindJobsOfDeadWorkersAsync());
    }

    [Fact]
    public async Task A_job_not_acknowledged_in_time_is_overdue_until_dispatched_again_or_acknowledged()
    {
        var db = await databases.CreateStoreAsync();
        var job = await db.Store.CreateAsync(JobRequests.Hostname());
        Assert.Empty(await db.Store.FindOverdueAcknowledgementsAsync());

        db.Time.Advance(db.Options.AcknowledgementTimeout + TimeSpan.FromSeconds(1));
        Assert.Equal([job.Id], (await db.Store.FindOverdueAcknowledgementsAsync()).Select(j => j.Id));

        var redispatched = await db.Store.RecordDispatchAsync(job.Id, JobRedispatchReason.AckTimeout);
        Assert.Equal(db.Time.GetUtcNow() + db.Options.AcknowledgementTimeout, redispatched!.Job.AckDeadline);
        Assert.Equal(1, redispatched.Attempt);
        Assert.Null(await db.Store.RecordDispatchAsync(job.Id, JobRedispatchReason.AckTimeout));
        Assert.Empty(await db.Store.FindOverdueAcknowledgementsAsync());

        await db.Store.AcknowledgeAsync(job.Id, "worker-1", null);
        db.Time.Advance(db.Options.AcknowledgementTimeout * 2);
        Assert.Empty(await db.Store.FindOverdueAcknowledgementsAsync());
        Assert.Null(await db.Store.RecordDispatchAsync(job.Id, JobRedispatchReason.AckTimeout));
    }

    [Fact]
    public async Task A_job_whose_worker_stopped_heartbeating_is_found_and_taken_over_and_the_old_holder_may_not_report()
    {
        var db = await databases.CreateStoreAsync();
        var job = await db.Store.CreateAsync(JobRequests.Hostname());
        await db.Workers.HeartbeatAsync(new WorkerRegistration("worker-1", "host-1", ["jobs.query._any"]));
        await db.Store.AcknowledgeAsync(job.Id, "worker-1", null);
        await db.Store.StartAsync(job.Id, "worker-1", null);

        db.Time.Advance(db.Options.HeartbeatTimeout / 2);
        await db.Workers.HeartbeatAsync(new WorkerRegistration("worker-2", "host-2", ["jobs.query._any"]));
        Assert.Empty(await db.Store.FindJobsOfDeadWorkersAsync());
        Assert.Null(await db.Store.AcknowledgeAsync(job.Id, "worker-2", null));

        db.Time.Advance(db.Options.HeartbeatTimeout);
        await db.Workers.HeartbeatAsync(new WorkerRegistration("worker-2", "host-2", ["jobs.query._any"]));
        Assert.Equal([job.Id], (await db.Store.FindJobsOfDeadWorkersAsync()).Select(j => j.Id));
        Assert.Equal(["worker-2"], (await db.Workers.ListLiveAsync()).Select(w => w.Name));

        // Dispatched again: not found again until that dispatch is overdue, and still free to take over.
        var redispatch = await db.Store.RecordDispatchAsync(job.Id, JobRedispatchReason.WorkerDead);
        Assert.Equal((1, "worker-1"), (redispatch!.Attempt, redispatch.Job.Worker));
        Assert.Null(await db.Store.RecordDispatchAsync(job.Id, JobRedispatchReason.WorkerDead));
        Assert.Empty(await db.Store.FindJobsOfDeadWorkersAsync());
        db.Time.Advance(db.Options.AcknowledgementTimeout + TimeSpan.FromSeconds(1));
        await db.Workers.HeartbeatAsync(new WorkerRegistration("worker-2", "host-2", ["jobs.query._any"]));
        Assert.Equal([job.Id], (await db.Store.FindJobsOfDeadWorkersAsync()).Select(j => j.Id));
        Assert.Equal(2, (await db.Store.RecordDispatchAsync(job.Id, JobRedispatchReason.WorkerDead))!.Attempt);
        var dispatched = (await db.Store.GetAsync(job.Id))!.Events.Where(e => e.Type == JobEventType.Dispatched).ToList();
        Assert.Equal(["worker_dead", "worker_dead"], dispatched.Select(e => e.Message));

        var takenOver = await db.Store.AcknowledgeAsync(job.Id, "worker-2", null);

        Assert.Equal(("worker-2", JobStatus.Acknowledged, 2), (takenOver!.Worker, takenOver.Status, takenOver.Attempts));
        Assert.Empty(await db.Store.FindJobsOfDeadWorkersAsync());
        await Assert.ThrowsAsync<JobStateConflictException>(() => db.Store.CompleteAsync(job.Id, "worker-1", "host-1", null, null));
        Assert.Equal(JobStatus.Completed, (await db.Store.CompleteAsync(job.Id, "worker-2", "host-2", null, null)).Status);
    }

    [Fact]
    public async Task A_held_job_of_a_worker_that_keeps_heartbeating_is_not_taken_over()
    {
        var db = await databases.CreateStoreAsync();
        var job = await db.Store.CreateAsync(JobRequests.Hostname());
        await db.Workers.HeartbeatAsync(new WorkerRegistration("worker-1", "host-1", []));
        await db.Store.AcknowledgeAsync(job.Id, "worker-1", null);

        db.Time.Advance(db.Options.HeartbeatTimeout * 3);
        await db.Workers.HeartbeatAsync(new WorkerRegistration("worker-1", "host-1", []));

        Assert.Empty(await db.Store.FindJobsOfDeadWorkersAsync());
        Assert.Null(await db.Store.AcknowledgeAsync(job.Id, "worker-2", null));
    }

    [Fact]
    public async Task On_all_each_worker_reports_once_and_the_job_finishes_when_every_expected_worker_has()
    {
        var db = await databases.CreateStoreAsync();
        var job = await db.Store.CreateAsync(JobRequests.OnAll("worker-1", "worker-2"));

        Assert.NotNull(await db.Store.AcknowledgeAsync(job.Id, "worker-1", null));
        Assert.Null(await db.Store.AcknowledgeAsync(job.Id, "worker-1", null));
        Assert.NotNull(await db.Store.AcknowledgeAsync(job.Id, "worker-2", null));
        await db.Store.StartAsync(job.Id, "worker-1", null);
        var afterFirst = await db.Store.CompleteAsync(job.Id, "worker-1", "host-1", JobRequests.Json("""{"uptime":1}"""), null);
        var repeated = await db.Store.CompleteAsync(job.Id, "worker-1", "host-1", JobRequests.Json("""{"uptime":2}"""), null);
        var afterSecond = await db.Store.FailAsync(job.Id, "worker-2", "host-2", "no /proc/uptime", null);

        Assert.Equal((JobStatus.Running, JobStatus.Running), (afterFirst.Status, repeated.Status));
        Assert.Equal((JobStatus.Failed, "1 of 2 workers failed"), (afterSecond.Status, afterSecond.Error));
        var details = (await db.Store.GetAsync(job.Id))!;
        Assert.Equal(["worker-1", "worker-2"], details.Results.Select(r => r.Worker));
        Assert.Equal(1, details.Results[0].Payload!.Value.GetProperty("uptime").GetInt32());
        Assert.Equal("no /proc/uptime", details.Results[1].Error);
        await Assert.ThrowsAsync<JobStateConflictException>(() => db.Store.CompleteAsync(job.Id, "worker-3", "host-3", null, null));
        Assert.Null(await db.Store.AcknowledgeAsync(job.Id, "worker-3", null));
    }

    [Fact]
    public async Task On_all_concurrent_reports_of_one_worker_record_one_result()
    {
        var db = await databases.CreateStoreAsync();
        var job = await db.Store.CreateAsync(JobRequests.OnAll("worker-1", "worker-2"));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => db.Store.CompleteAsync(job.Id, "worker-1", "host-1", null, null))));

        var details = (await db.Store.GetAsync(job.Id))!;
        Assert.Single(details.Results);
        Assert.Single(details.Events, e => e.Type == JobEventType.Completed);
        Assert.Equal(JobStatus.Running, details.Job.Status);
    }

    [Fact]
    public async Task On_all_an_expected_worker_that_stopped_heartbeating_before_reporting_is_found_and_its_failure_finishes_the_job()
    {
        var db = await databases.CreateStoreAsync();
        await db.Workers.HeartbeatAsync(new WorkerRegistration("worker-1", "host-1", []));
        await db.Workers.HeartbeatAsync(new WorkerRegistration("worker-2", "host-2", []));
        var job = await db.Store.CreateAsync(JobRequests.OnAll("worker-1", "worker-2"));
        await db.Store.CompleteAsync(job.Id, "worker-1", "host-1", null, null);
        Assert.Empty(await db.Store.FindJobsOnAllAwaitingDeadWorkersAsync());

        db.Time.Advance(db.Options.HeartbeatTimeout + TimeSpan.FromSeconds(1));
        await db.Workers.HeartbeatAsync(new WorkerRegistration("worker-1", "host-1", []));
        var waiting = Assert.Single(await db.Store.FindJobsOnAllAwaitingDeadWorkersAsync());

        Assert.Equal(job.Id, waiting.Job.Id);
        Assert.Equal(["worker-2"], waiting.DeadWorkers);
        var finished = await db.Store.FailAsync(job.Id, "worker-2", "host-2", "worker stopped heartbeating", null);
        Assert.Equal(JobStatus.Failed, finished.Status);
        Assert.Empty(await db.Store.FindJobsOnAllAwaitingDeadWorkersAsync());
    }
}
