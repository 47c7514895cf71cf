using TraceApp.Jobs.Contracts;

namespace TraceApp.Tests.Jobs;

public sealed class JobStoreQueryTests(JobStoreDatabases databases) : IClassFixture<JobStoreDatabases>
{
    [Fact]
    public async Task A_created_job_is_pending_with_its_params_trace_and_submitted_event()
    {
        var db = await databases.CreateStoreAsync();

        var created = await db.Store.CreateAsync(JobRequests.Ping("example.com", 3));
        var details = await db.Store.GetAsync(created.Id);

        Assert.NotNull(details);
        var job = details.Job;
        Assert.Equal(created.Id, job.Id);
        Assert.Equal(("network.ping", JobKind.Query, "_any", JobStatus.Pending), (job.Operation, job.Kind, job.Target, job.Status));
        Assert.Equal(("example.com", 3), (job.Params!.Value.GetProperty("host").GetString(), job.Params.Value.GetProperty("count").GetInt32()));
        Assert.Equal((JobRequests.TraceId, JobRequests.TraceParent), (job.TraceId, job.TraceParent));
        Assert.Equal(JobStoreDatabases.Start, job.CreatedAt);
        Assert.Equal(JobStoreDatabases.Start + db.Options.AcknowledgementTimeout, job.AckDeadline);
        var submitted = Assert.Single(details.Events);
        Assert.Equal(new JobEvent(JobEventType.Submitted, null, JobStoreDatabases.Start, JobRequests.TraceId, null), submitted);
        Assert.Empty(details.Results);
    }

    [Fact]
    public async Task Getting_a_missing_job_gives_null()
    {
        var db = await databases.CreateStoreAsync();

        Assert.Null(await db.Store.GetAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Listing_pages_newest_first_until_the_last_page_has_no_token()
    {
        var db = await databases.CreateStoreAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await db.Store.CreateAsync(JobRequests.Hostname())).Id);
            db.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var first = await db.Store.ListAsync(new JobListQuery(PageSize: 2));
        var second = await db.Store.ListAsync(new JobListQuery(PageSize: 2, PageToken: first.NextPageToken));
        var third = await db.Store.ListAsync(new JobListQuery(PageSize: 2, PageToken: second.NextPageToken));

        Assert.Equal([ids[4], ids[3]], first.Items.Select(j => j.Id));
        Assert.Equal([ids[2], ids[1]], second.Items.Select(j => j.Id));
        Assert.Equal([ids[0]], third.Items.Select(j => j.Id));
        Assert.NotNull(second.NextPageToken);
        Assert.Null(third.NextPageToken);
    }

    [Fact]
    public async Task Listing_jobs_created_in_the_same_instant_pages_through_each_once()
    {
        var db = await databases.CreateStoreAsync();
        var ids = new HashSet<Guid>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await db.Store.CreateAsync(JobRequests.Hostname())).Id);
        }

        var seen = new List<Guid>();
        string? token = null;
        do
        {
            var page = await db.Store.ListAsync(new JobListQuery(PageSize: 3, PageToken: token));
            seen.AddRange(page.Items.Select(j => j.Id));
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal(7, seen.Count);
        Assert.True(ids.SetEquals(seen));
    }

    [Fact]
    public async Task Listing_filters_by_status_and_operation()
    {
        var db = await databases.CreateStoreAsync();
        var ping = await db.Store.CreateAsync(JobRequests.Ping());
        var claimedHostname = await db.Store.CreateAsync(JobRequests.Hostname());
        var pendingHostname = await db.Store.CreateAsync(JobRequests.Hostname());
        await db.Store.AcknowledgeAsync(claimedHostname.Id, "worker-1", null);

        var pending = await db.Store.ListAsync(new JobListQuery(Status: JobStatus.Pending));
        var hostname = await db.Store.ListAsync(new JobListQuery(Operation: "node.hostname"));
        var pendingHostnames = await db.Store.ListAsync(new JobListQuery(JobStatus.Pending, "node.hostname"));

        Assert.Equal(new HashSet<Guid> { ping.Id, pendingHostname.Id }, pending.Items.Select(j => j.Id).ToHashSet());
        Assert.Equal(new HashSet<Guid> { claimedHostname.Id, pendingHostname.Id }, hostname.Items.Select(j => j.Id).ToHashSet());
        Assert.Equal([pendingHostname.Id], pendingHostnames.Items.Select(j => j.Id));
    }

    [Fact]
    public async Task A_page_token_the_store_did_not_issue_is_a_format_error()
    {
        var db = await databases.CreateStoreAsync();

        await Assert.ThrowsAsync<FormatException>(() => db.Store.ListAsync(new JobListQuery(PageToken: "not-a-token")));
    }

    [Fact]
    public async Task Counts_cover_every_status()
    {
        var db = await databases.CreateStoreAsync();
        var completed = await db.Store.CreateAsync(JobRequests.Hostname());
        var acknowledged = await db.Store.CreateAsync(JobRequests.Hostname());
        await db.Store.CreateAsync(JobRequests.Hostname());
        await db.Store.CreateAsync(JobRequests.Hostname());
        await db.Store.AcknowledgeAsync(completed.Id, "worker-1", null);
        await db.Store.CompleteAsync(completed.Id, "worker-1", "host-1", null, null);
        await db.Store.AcknowledgeAsync(acknowledged.Id, "worker-2", null);

        var counts = await db.Store.CountByStatusAsync();

        Assert.Equal(
            new Dictionary<JobStatus, long>
            {
                [JobStatus.Pending] = 2, [JobStatus.Acknowledged] = 1, [JobStatus.Running] = 0, [JobStatus.Completed] = 1, [JobStatus.Failed] = 0,
            },
            counts);
    }
}
