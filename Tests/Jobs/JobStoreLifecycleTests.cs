using TraceApp.Jobs.Contracts;

namespace TraceApp.Tests.Jobs;

public sealed class JobStoreLifecycleTests(JobStoreDatabases databases) : IClassFixture<JobStoreDatabases>
{
    private const string RetryTraceId = "0af7651916cd43dd8448eb211c80319c";
    private const string RetryTraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    [Fact]
    public async Task Pending_and_finished_jobs_can_be_deleted_with_their_events_and_results()
    {
        var db = await databases.CreateStoreAsync();
        var pending = await db.Store.CreateAsync(JobRequests.Hostname());
        var completed = await db.Store.CreateAsync(JobRequests.Hostname());
        var failed = await db.Store.CreateAsync(JobRequests.Hostname());
        await db.Store.AcknowledgeAsync(completed.Id, "worker-1", null);
        await db.Store.CompleteAsync(completed.Id, "worker-1", "host-1", JobRequests.Json("""{"hostname":"host-1"}"""), null);
        await db.Store.AcknowledgeAsync(failed.Id, "worker-1", null);
        await db.Store.FailAsync(failed.Id, "worker-1", "host-1", "boom", null);

        foreach (var id in new[] { pending.Id, completed.Id, failed.Id })
        {
            await db.Store.DeleteAsync(id);
            Assert.Null(await db.Store.GetAsync(id));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_job_held_by_a_worker_cannot_be_deleted(bool started)
    {
        var db = await databases.CreateStoreAsync();
        var job = await db.Store.CreateAsync(JobRequests.Hostname());
        await db.Store.AcknowledgeAsync(job.Id, "worker-1", null);
        if (started)
        {
            await db.Store.StartAsync(job.Id, "worker-1", null);
        }

        var conflict = await Assert.ThrowsAsync<JobStateConflictException>(() => db.Store.DeleteAsync(job.Id));

        Assert.Equal(started ? JobStatus.Running : JobStatus.Acknowledged, conflict.Status);
        Assert.Contains("only pending or finished", conflict.Message, StringComparison.Ordinal);
        Assert.NotNull(await db.Store.GetAsync(job.Id));
    }

    [Fact]
    public async Task Deleting_a_missing_job_is_not_found()
    {
        var db = await databases.CreateStoreAsync();

        await Assert.ThrowsAsync<JobNotFoundException>(() => db.Store.DeleteAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Retrying_a_failed_job_creates_a_linked_pending_job_and_a_retried_event_on_the_old_one()
    {
        var db = await databases.CreateStoreAsync();
        var old = await db.Store.CreateAsync(JobRequests.Ping("example.org", 2));
        await db.Store.AcknowledgeAsync(old.Id, "worker-1", null);
        await db.Store.FailAsync(old.Id, "worker-1", "host-1", "unreachable", null);
        db.Time.Advance(TimeSpan.FromMinutes(1));

        var retry = await db.Store.RetryAsync(old.Id, RetryTraceId, RetryTraceParent);

        Assert.NotEqual(old.Id, retry.Id);
        Assert.Equal((old.Id, JobStatus.Pending, "network.ping", "_any"), (retry.RetryOf, retry.Status, retry.Operation, retry.Target));
        Assert.Equal("example.org", retry.Params!.Value.GetProperty("host").GetString());
        Assert.Equal((RetryTraceId, RetryTraceParent), (retry.TraceId, retry.TraceParent));
        var oldDetails = (await db.Store.GetAsync(old.Id))!;
        Assert.Equal(JobStatus.Failed, oldDetails.Job.Status);
        var retried = oldDetails.Events[^1];
        Assert.Equal((JobEventType.Retried, RetryTraceId, $"retried as {retry.Id}"), (retried.Type, retried.TraceId, retried.Message));
        Assert.Equal(JobEventType.Submitted, Assert.Single((await db.Store.GetAsync(retry.Id))!.Events).Type);
    }

    [Fact]
    public async Task An_unfinished_job_cannot_be_retried()
    {
        var db = await databases.CreateStoreAsync();
        var job = await db.Store.CreateAsync(JobRequests.Hostname());

        var conflict = await Assert.ThrowsAsync<JobStateConflictException>(() => db.Store.RetryAsync(job.Id, null, null));

        Assert.Equal(JobStatus.Pending, conflict.Status);
        await Assert.ThrowsAsync<JobNotFoundException>(() => db.Store.RetryAsync(Guid.NewGuid(), null, null));
    }

    [Fact]
    public async Task Deleting_a_retried_job_keeps_its_retry()
    {
        var db = await databases.CreateStoreAsync();
        var old = await db.Store.CreateAsync(JobRequests.Hostname());
        await db.Store.AcknowledgeAsync(old.Id, "worker-1", null);
        await db.Store.FailAsync(old.Id, "worker-1", "host-1", "boom", null);
        var retry = await db.Store.RetryAsync(old.Id, null, null);

        await db.Store.DeleteAsync(old.Id);

        Assert.Null((await db.Store.GetAsync(retry.Id))!.Job.RetryOf);
    }
}
