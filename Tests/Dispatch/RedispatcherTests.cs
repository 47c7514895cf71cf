using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using TraceApp.Jobs.Contracts;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Dispatch;

/// <summary>
/// The Api's re-dispatcher on a real PostgreSQL and nats-server: what nobody acknowledged in time and what a dead
/// worker held is published again in the job's own trace, an <c>_all</c> job gets its dead workers' failures, and a
/// job stored while NATS was down is delivered once NATS is back.
/// </summary>
public sealed class RedispatcherTests(RedispatchSystem system) : IClassFixture<RedispatchSystem>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_job_nobody_acknowledges_is_published_again_under_a_job_redispatch_span_in_its_own_trace()
    {
        var caller = TraceParent.New();
        var id = await system.SubmitAcceptedAsync(new { operation = "node.hostname" }, caller);

        await Eventually.WaitUntilAsync(() => system.DispatchCount(id) >= 2, Timeout, $"job {id} to be dispatched again");

        var details = (await system.Store.GetAsync(id))!;
        Assert.Equal(JobStatus.Pending, details.Job.Status);
        var dispatched = details.Events.First(e => e.Type == JobEventType.Dispatched);
        Assert.Equal(("ack_timeout", caller.TraceId, null), (dispatched.Message, dispatched.TraceId, dispatched.Worker));
        Assert.All(system.DispatchesOf(id), message => Assert.Equal(caller.TraceId, TraceIdOf(message.Headers)));

        var span = await RedispatchSpanAsync(id, attempt: 1);
        Assert.Equal(caller.TraceId, span.GetProperty("trace_id").GetString());
        Assert.Equal(ActivityContext.Parse(details.Job.TraceParent!, null).SpanId.ToHexString(), span.GetProperty("parent_span_id").GetString());
        Assert.Equal("ack_timeout", span.GetProperty("attributes").GetProperty("job.redispatch.reason").GetString());
    }

    [Fact]
    public async Task A_job_held_by_a_worker_that_stops_heartbeating_is_published_again_and_another_worker_takes_it_over()
    {
        await system.HeartbeatAsync("dying-worker");
        var caller = TraceParent.New();
        var id = await system.SubmitAcceptedAsync(new { operation = "node.hostname" }, caller);
        Assert.NotNull(await system.Store.AcknowledgeAsync(id, "dying-worker", caller.TraceId));
        await system.Store.StartAsync(id, "dying-worker", caller.TraceId);
        // The submission's own dispatch may still be on its way to the test's subscriber: count from after it.
        await system.WaitForDispatchAsync(id);
        var published = system.DispatchCount(id);

        await Eventually.WaitUntilAsync(() => system.DispatchCount(id) > published, Timeout, $"job {id} of the dead worker to be dispatched again");

        var dispatched = (await system.Store.GetAsync(id))!.Events.First(e => e.Type == JobEventType.Dispatched);
        Assert.Equal(("worker_dead", "dying-worker", caller.TraceId), (dispatched.Message, dispatched.Worker, dispatched.TraceId));
        var span = await RedispatchSpanAsync(id, attempt: 1);
        Assert.Equal(caller.TraceId, span.GetProperty("trace_id").GetString());
        Assert.Equal("worker_dead", span.GetProperty("attributes").GetProperty("job.redispatch.reason").GetString());

        await system.HeartbeatAsync("taking-worker");
        var taken = await system.Store.AcknowledgeAsync(id, "taking-worker", caller.TraceId);
        Assert.Equal(("taking-worker", 2), (taken?.Worker, taken?.Attempts));
        var completed = await system.Store.CompleteAsync(id, "taking-worker", "taking-worker", null, caller.TraceId);
        Assert.Equal(JobStatus.Completed, completed.Status);
    }

    [Fact]
    public async Task An_all_job_gets_the_failure_of_each_expected_worker_that_stopped_heartbeating_and_finishes()
    {
        await system.HeartbeatAsync("all-reporting");
        await system.HeartbeatAsync("all-silent");
        var id = await system.SubmitAcceptedAsync(new { operation = "node.hostname", target = "_all" });
        Assert.NotNull(await system.Store.AcknowledgeAsync(id, "all-reporting", null));
        await system.Store.CompleteAsync(id, "all-reporting", "all-reporting", null, null);

        await Eventually.WaitUntilAsync(
            async () => (await system.Store.GetAsync(id))!.Job.Status.IsFinished(), Timeout, $"_all job {id} to finish without its silent worker");

        var details = (await system.Store.GetAsync(id))!;
        Assert.Equal(JobStatus.Failed, details.Job.Status);
        Assert.Null(Assert.Single(details.Results, r => r.Worker == "all-reporting").Error);
        var silent = Assert.Single(details.Results, r => r.Worker == "all-silent");
        Assert.Equal("worker all-silent stopped heartbeating before it reported", silent.Error);
        Assert.All(details.Job.ExpectedWorkers!, worker => Assert.Contains(details.Results, r => r.Worker == worker));
    }

    [Fact]
    public async Task A_job_submitted_while_nats_is_down_is_accepted_and_delivered_once_nats_is_back()
    {
        await system.Servers.Nats.StopAsync();
        Guid id;
        try
        {
            id = await system.SubmitAcceptedAsync(new { operation = "node.hostname" });
            Assert.Equal(JobStatus.Pending, (await system.Store.GetAsync(id))!.Job.Status);
            await system.Api.Output.WaitForLineAsync(l => l.Contains("Re-dispatch paused: the message bus is unavailable", StringComparison.Ordinal), Timeout);
        }
        finally
        {
            await system.Servers.Nats.StartAsync();
        }

        await Eventually.WaitUntilAsync(() => system.DispatchCount(id) >= 1, Timeout, $"job {id} to be delivered after NATS came back");
        await system.Api.Output.WaitForLineAsync(l => l.Contains("Re-dispatch resumed: the message bus is available again", StringComparison.Ordinal), Timeout);
        Assert.Single(system.Api.Output.Lines, l => l.Contains("Re-dispatch paused", StringComparison.Ordinal));
        using var status = await system.Http.GetAsync(new Uri(system.Address, $"/job/{id}"));
        Assert.Equal("pending", (await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Two_api_replicas_dispatch_an_overdue_job_again_once_per_acknowledgement_timeout()
    {
        var (second, _) = await RunningProgram.StartWebAsync("Api", system.Servers.Environment(ShortTimeouts.Environment()));
        await using var secondApi = second;
        var id = await system.SubmitAcceptedAsync(new { operation = "node.hostname" });

        await Eventually.WaitUntilAsync(() => system.DispatchCount(id) >= 4, Timeout, $"job {id} to be dispatched again three times");

        var published = system.DispatchCount(id);
        var times = (await system.Store.GetAsync(id))!.Events.Where(e => e.Type == JobEventType.Dispatched).Select(e => e.Time).ToList();
        Assert.InRange(published, 4, times.Count + 1);
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= ShortTimeouts.Acknowledgement, $"{pair.First:O} then {pair.Second:O}"));
    }

    [Fact]
    public async Task A_retry_runs_in_the_retrying_requests_trace_linked_to_the_original_jobs_trace()
    {
        var original = TraceParent.New();
        var id = await system.SubmitAcceptedAsync(new { operation = "node.hostname" }, original);
        await system.HeartbeatAsync("retried-worker");
        Assert.NotNull(await system.Store.AcknowledgeAsync(id, "retried-worker", null));
        await system.Store.FailAsync(id, "retried-worker", "retried-worker", "failed on purpose", null);
        var retrying = TraceParent.New();

        using var response = await system.Http.SendAsync(retrying.Post(system.Address, $"/job/{id}/retry", new StringContent("")));

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var line = await system.Api.Output.WaitForLineAsync(
            l => l.StartsWith('{') && l.Contains(retrying.TraceId, StringComparison.Ordinal) && l.Contains("\"kind\":\"Server\"", StringComparison.Ordinal), Timeout);
        using var span = JsonDocument.Parse(line);
        var link = Assert.Single(span.RootElement.GetProperty("links").EnumerateArray());
        Assert.Equal(original.TraceId, link.GetProperty("trace_id").GetString());
        Assert.Equal(id.ToString(), link.GetProperty("attributes").GetProperty("job.id").GetString());
    }

    /// <summary>The Api's <c>job.redispatch</c> span (a JSON line on its stdout) of re-dispatch <paramref name="attempt"/> of job <paramref name="id"/>.</summary>
    private async Task<JsonElement> RedispatchSpanAsync(Guid id, int attempt)
    {
        var line = await system.Api.Output.WaitForLineAsync(
            l => l.StartsWith('{') && l.Contains("\"name\":\"job.redispatch\"", StringComparison.Ordinal)
                && l.Contains(id.ToString(), StringComparison.Ordinal) && l.Contains($"\"job.redispatch.attempt\":{attempt}", StringComparison.Ordinal),
            Timeout);
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }

    private static string? TraceIdOf(NATS.Client.Core.NatsHeaders? headers) =>
        headers is not null && headers.TryGetLastValue("traceparent", out var value) && ActivityContext.TryParse(value, null, out var context)
            ? context.TraceId.ToHexString()
            : null;
}
