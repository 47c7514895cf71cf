using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Npgsql;
using TraceApp.Jobs.Contracts;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.AppHost;

/// <summary>
/// The AppHost's Worker replicas (<see cref="AppHostFixture.WorkerReplicas"/>) as one pool: <c>_any</c> jobs spread
/// over every replica and each runs once, <c>_all</c> gets one result per replica, and <c>host:&lt;name&gt;</c>
/// reaches only the workers on that host (one more Worker, outside the AppHost, plays a second host).
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class WorkerReplicaTests(AppHostFixture fixture)
{
    private const int AnyJobs = 300;
    private const int HostJobs = 20;
    private const string OtherHost = "other-host";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task AnyJobsSpreadOverEveryReplicaAndEachRunsOnce()
    {
        using var api = fixture.CreateApiClient();

        var ids = await SubmitAllAsync(api, Enumerable.Repeat(JobTarget.AnyText, AnyJobs));
        var jobs = await WaitForFinishedAsync(api, ids);

        Assert.Equal(AnyJobs, ids.Distinct().Count());
        Assert.All(jobs, job => Assert.Equal("completed", Status(job)));
        Assert.All(jobs, AssertRanOnce);
        var perWorker = jobs.GroupBy(job => Assert.Single(Results(job)).Worker).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(ReplicaNames().Order(), perWorker.Keys.Order());
        Assert.Equal(AnyJobs, perWorker.Values.Sum());
    }

    [Fact]
    public async Task AllJobGetsOneResultFromEachReplica()
    {
        using var api = fixture.CreateApiClient();

        var id = (await SubmitAllAsync(api, [JobTarget.AllText])).Single();
        var job = (await WaitForFinishedAsync(api, [id])).Single();

        Assert.Equal("completed", Status(job));
        var results = Results(job);
        Assert.Equal(AppHostFixture.WorkerReplicas, results.Count);
        Assert.Equal(ReplicaNames().Order(), results.Select(r => r.Worker).Order());
        Assert.All(results, r => Assert.Equal(Environment.MachineName.ToLowerInvariant(), r.Host));
    }

    [Fact]
    public async Task HostJobsRunOnlyOnTheWorkersOfThatHost()
    {
        var otherWorker = $"scale-test-{OtherHost}";
        var machine = Environment.MachineName.ToLowerInvariant();
        await using var other = RunningProgram.Start("Worker", new Dictionary<string, string?>
        {
            ["ConnectionStrings__nats"] = await fixture.App.GetConnectionStringAsync("nats"),
            ["ConnectionStrings__traceapp"] = await fixture.App.GetConnectionStringAsync("traceapp"),
            ["Worker__Name"] = otherWorker,
            ["Worker__HostName"] = OtherHost,
        });
        try
        {
            await other.Output.WaitForLineAsync(l => l.Contains($"Worker {otherWorker} on host {OtherHost} listening on jobs.", StringComparison.Ordinal), Timeout);
            using var api = fixture.CreateApiClient();

            var targets = Enumerable.Repeat(JobTarget.HostPrefix + OtherHost, HostJobs).Concat(Enumerable.Repeat(JobTarget.HostPrefix + machine, HostJobs));
            var ids = await SubmitAllAsync(api, targets);
            var jobs = await WaitForFinishedAsync(api, ids);

            Assert.All(jobs, job => Assert.Equal("completed", Status(job)));
            Assert.All(jobs, AssertRanOnce);
            var replicas = ReplicaNames();
            foreach (var job in jobs)
            {
                var result = Assert.Single(Results(job));
                if (job.GetProperty("target").GetString() == JobTarget.HostPrefix + OtherHost)
                {
                    Assert.Equal((otherWorker, OtherHost), (result.Worker, result.Host));
                }
                else
                {
                    Assert.Contains(result.Worker, replicas);
                    Assert.Equal(machine, result.Host);
                }
            }
        }
        finally
        {
            await other.StopAsync();
            await ForgetWorkerAsync(otherWorker);
        }
    }

    /// <summary>
    /// The replicas' worker names: each is the <c>service.instance.id</c> Aspire gives the replica, the suffix of
    /// its instance name ("worker-abcd1234" → "abcd1234").
    /// </summary>
    private string[] ReplicaNames()
    {
        Assert.Equal(AppHostFixture.WorkerReplicas, fixture.WorkerInstances.Count);
        return [.. fixture.WorkerInstances.Select(instance => instance[(instance.LastIndexOf('-') + 1)..])];
    }

    /// <summary>Submits <c>node.hostname</c> to each target at once; returns the job ids in order.</summary>
    private static async Task<Guid[]> SubmitAllAsync(HttpClient api, IEnumerable<string> targets) =>
        await Task.WhenAll(targets.Select(async target =>
        {
            using var response = await api.PostAsJsonAsync("/job", new { operation = "node.hostname", target });
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }));

    /// <summary>Polls the jobs not finished yet until every one is; returns each job's details.</summary>
    private static async Task<IReadOnlyList<JsonElement>> WaitForFinishedAsync(HttpClient api, IReadOnlyList<Guid> ids)
    {
        var finished = new Dictionary<Guid, JsonElement>();
        using var requests = new SemaphoreSlim(16);
        await Eventually.WaitUntilAsync(
            async () =>
            {
                var pending = ids.Where(id => !finished.ContainsKey(id)).ToList();
                var jobs = await Task.WhenAll(pending.Select(async id =>
                {
                    await requests.WaitAsync();
                    try
                    {
                        return await api.GetFromJsonAsync<JsonElement>($"/job/{id}");
                    }
                    finally
                    {
                        requests.Release();
                    }
                }));
                foreach (var job in jobs.Where(job => Status(job) is "completed" or "failed"))
                {
                    finished[job.GetProperty("id").GetGuid()] = job;
                }

                return finished.Count == ids.Count;
            },
            Timeout,
            $"{ids.Count} jobs to finish");
        return [.. ids.Select(id => finished[id])];
    }

    /// <summary>One <c>started</c> and one <c>completed</c> event: no worker ran the job a second time.</summary>
    private static void AssertRanOnce(JsonElement job)
    {
        var events = job.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.True(
            events.Count(e => e == "started") == 1 && events.Count(e => e == "completed") == 1,
            $"job {job.GetProperty("id")} has events {string.Join(", ", events)}");
    }

    private static string? Status(JsonElement job) => job.GetProperty("status").GetString();

    private static List<(string Worker, string Host)> Results(JsonElement job) =>
        [.. job.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("worker").GetString()!, r.GetProperty("host").GetString()!))];

    /// <summary>
    /// Removes the stopped worker from the registry: it would count as live for the heartbeat timeout, and an
    /// <c>_all</c> job submitted meanwhile (by another test of the collection) would wait for its result.
    /// </summary>
    private async Task ForgetWorkerAsync(string name)
    {
        await using var database = NpgsqlDataSource.Create((await fixture.App.GetConnectionStringAsync("traceapp"))!);
        await using var command = database.CreateCommand("DELETE FROM workers WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        await command.ExecuteNonQueryAsync();
    }
}
