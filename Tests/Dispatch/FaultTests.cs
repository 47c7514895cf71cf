using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TraceApp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TraceApp.Tests.Dispatch;

/// <summary>
/// No job is lost, none runs twice, whatever fails during a batch: a worker killed with SIGKILL, nats-server
/// restarted, PostgreSQL restarted. Real Api and Worker processes, jobs submitted through <c>POST /job</c>.
/// </summary>
public sealed class FaultTests(FaultSystem system, ITestOutputHelper output) : IClassFixture<FaultSystem>
{
    private static readonly object Hostname = new { operation = "node.hostname" };

    /// <summary>About two seconds of work (three echo requests a second apart), so a worker can be caught holding it.</summary>
    private static readonly object SlowPing = new { operation = "network.ping", @params = new { host = "127.0.0.1", count = 3 } };

    private const string DatabasePaused = "Re-dispatch paused: the database is unavailable";

    [Fact]
    public async Task Kill_9_of_a_worker_during_a_batch_of_200_loses_no_job_and_runs_none_twice()
    {
        var victim = await system.StartWorkerAsync("victim");
        var submitting = system.SubmitManyAsync(200, i => i % 10 == 0 ? SlowPing : Hostname);

        await Eventually.WaitUntilAsync(() => system.IsRunningAsync("victim", "network.ping"), FaultSystem.RecoveryTimeout, "the victim to run a ping");
        victim.Process.Kill();
        await victim.Process.Exited;
        var (ids, unavailable) = await submitting;
        Assert.Equal((200, 0), (ids.Count, unavailable));
        await system.WaitUntilFinishedAsync(ids);

        var runs = await system.RunsAsync(ids);
        AssertEachCompletedOnce(runs.Values);
        // Only a job the victim started and did not complete may have been started again, by the worker that took it over.
        Assert.All(runs.Values, run => Assert.Equal(
            run.Count("completed", "victim") == 1 || run.Count("started", "victim") == 0 ? 1 : 2, run.Count("started")));
        var orphaned = runs.Values.Where(r => r.Count("acknowledged", "victim") == 1 && r.Count("completed", "victim") == 0).ToList();
        Assert.Contains(orphaned, r => r.Events.Contains(("dispatched", "victim", "worker_dead")));
        Assert.All(orphaned, r => Assert.NotEqual("victim", Assert.Single(r.WorkersOf("completed"))));
        output.WriteLine(
            $"victim completed {runs.Values.Count(r => r.Count("completed", "victim") == 1)} jobs; {orphaned.Count} it held or had received were " +
            $"dispatched again ({runs.Values.Sum(r => r.Count("dispatched"))} re-dispatches) and completed by another worker");
    }

    [Fact]
    public async Task Restart_of_nats_server_during_a_batch_loses_no_job_and_the_workers_subscriptions_resume()
    {
        var since = DateTimeOffset.UtcNow;
        var submitting = system.SubmitManyAsync(200, _ => Hostname);

        await Eventually.WaitUntilAsync(async () => await system.CompletedSinceAsync(since) >= 30, FaultSystem.RecoveryTimeout, "30 jobs to complete");
        await system.Servers.Nats.StopAsync();
        await system.Servers.Nats.StartAsync();
        var (ids, unavailable) = await submitting;
        Assert.Equal((200, 0), (ids.Count, unavailable));
        await system.WaitUntilFinishedAsync(ids);
        var runs = await system.RunsAsync(ids);
        AssertEachCompletedOnce(runs.Values);

        // Both workers receive new jobs again: their subscriptions were renewed on the restarted server.
        var (after, _) = await system.SubmitManyAsync(40, _ => Hostname);
        await system.WaitUntilFinishedAsync(after);
        var afterRuns = await system.RunsAsync(after);
        AssertEachCompletedOnce(afterRuns.Values);
        Assert.All(system.WorkerNames, worker => Assert.Contains(afterRuns.Values, r => r.Count("completed", worker) == 1));
        output.WriteLine($"{runs.Values.Sum(r => r.Count("dispatched"))} re-dispatches during the batch");
    }

    [Fact]
    public async Task Restart_of_postgresql_during_a_batch_answers_503_meanwhile_then_recovers_and_every_accepted_job_completes()
    {
        var pausedBefore = system.Api.Output.Lines.Count(l => l.Contains(DatabasePaused, StringComparison.Ordinal));
        var submitting = system.SubmitManyAsync(100, i => i % 10 == 0 ? SlowPing : Hostname);
        // Stopped while a worker runs a job: it must report its result once the database is back.
        await Eventually.WaitUntilAsync(() => system.IsRunningAsync(null, "network.ping"), FaultSystem.RecoveryTimeout, "a worker to run a ping");

        await system.Servers.Postgres.StopAsync();
        try
        {
            using var refused = await system.SubmitAsync(Hostname);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("database", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
            using var status = await system.Http.GetAsync(new Uri(system.Address, "/job/status"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status.StatusCode);
        }
        finally
        {
            await system.Servers.Postgres.StartAgainAsync();
        }

        var (accepted, unavailable) = await submitting;
        Guid? late = null;
        await Eventually.WaitUntilAsync(
            async () =>
            {
                using var response = await system.SubmitAsync(Hostname);
                late = response.StatusCode == HttpStatusCode.Accepted ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid() : null;
                return late is not null;
            },
            FaultSystem.RecoveryTimeout, "the Api to accept jobs again");
        Assert.False(system.Api.Process.HasExited);
        await system.Api.Output.WaitForLineAsync(l => l.Contains("Re-dispatch resumed: the database", StringComparison.Ordinal), FaultSystem.RecoveryTimeout);
        Assert.Equal(pausedBefore + 1, system.Api.Output.Lines.Count(l => l.Contains(DatabasePaused, StringComparison.Ordinal)));
        List<Guid> ids = [.. accepted, late!.Value];
        await system.WaitUntilFinishedAsync(ids);
        AssertEachCompletedOnce((await system.RunsAsync(ids)).Values);
        output.WriteLine($"{accepted.Count} of the batch accepted, {unavailable} refused with 503 while the database was down");
    }

    private static void AssertEachCompletedOnce(IEnumerable<JobRun> runs) => Assert.All(runs, run =>
    {
        Assert.Equal("completed", run.Status);
        Assert.Equal(1, run.Count("completed"));
        Assert.Equal(0, run.Count("failed"));
    });
}
