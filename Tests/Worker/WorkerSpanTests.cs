using System.Text;
using System.Text.Json;
using NATS.Client.Core;
using TraceApp.Jobs.Contracts;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Worker;

/// <summary>The built Worker's <c>job.process</c> spans, as its stdout exporter writes them.</summary>
public sealed class WorkerSpanTests(TracingWorker system) : IClassFixture<TracingWorker>
{
    [Fact]
    public async Task Job_process_is_a_consumer_child_of_the_nats_receive_span_in_the_publishers_trace()
    {
        var trace = TraceParent.New();

        var job = await system.SubmitAsync(JobOperations.NodeHostname, JobTarget.ForHost("gamma"), trace);

        await system.FinishedAsync(job.Id);
        var process = await SpanAsync(trace, WorkerSpanTestsNames.Process);
        Assert.Equal("Consumer", process.GetProperty("kind").GetString());
        Assert.Equal("Unset", process.GetProperty("status").GetString());
        var attributes = process.GetProperty("attributes");
        Assert.Equal(job.Id.ToString(), attributes.GetProperty("job.id").GetString());
        Assert.Equal("node.hostname", attributes.GetProperty("job.operation").GetString());
        Assert.Equal("host:gamma", attributes.GetProperty("job.target").GetString());
        Assert.Equal("gamma", attributes.GetProperty("host.name").GetString());
        Assert.Equal("worker-s", attributes.GetProperty("job.worker").GetString());
        Assert.Equal("jobs.query.host.gamma", attributes.GetProperty("messaging.destination.name").GetString());

        var receive = Spans(trace).Single(s => s.GetProperty("span_id").GetString() == process.GetProperty("parent_span_id").GetString());
        Assert.Equal("Consumer", receive.GetProperty("kind").GetString());
        Assert.EndsWith("receive", receive.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal(trace.SpanId, receive.GetProperty("parent_span_id").GetString());
    }

    [Fact]
    public async Task A_failed_job_sets_error_status_with_an_exception_event_and_a_failed_event()
    {
        var trace = TraceParent.New();

        var job = await system.SubmitAsync(JobOperations.NetworkPing, JobTarget.ForHost("gamma"), trace, """{"host": "no-such-host.invalid", "count": 1}""");

        var details = await system.FinishedAsync(job.Id);
        var process = await SpanAsync(trace, WorkerSpanTestsNames.Process);
        Assert.Equal("Error", process.GetProperty("status").GetString());
        Assert.Equal(details.Job.Error, process.GetProperty("status_description").GetString());
        var events = process.GetProperty("events").EnumerateArray().ToList();
        var exception = Assert.Single(events, e => e.GetProperty("name").GetString() == "exception");
        Assert.Equal(details.Job.Error, exception.GetProperty("attributes").GetProperty("exception.message").GetString());
        var failed = Assert.Single(events, e => e.GetProperty("name").GetString() == "failed");
        Assert.Equal(details.Job.Error, failed.GetProperty("attributes").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Invalid_parameters_fail_the_job_with_the_field_errors_without_an_exception()
    {
        var trace = TraceParent.New();

        // The store does not validate; the operation's own validation catches a count out of range.
        var job = await system.SubmitAsync(JobOperations.NetworkPing, JobTarget.ForHost("gamma"), trace, """{"host": "127.0.0.1", "count": 99}""");

        var details = await system.FinishedAsync(job.Id);
        Assert.Equal(JobStatus.Failed, details.Job.Status);
        Assert.StartsWith("count: ", details.Job.Error, StringComparison.Ordinal);
        var process = await SpanAsync(trace, WorkerSpanTestsNames.Process);
        Assert.Equal("Error", process.GetProperty("status").GetString());
        var events = process.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Equal(["failed"], events);
    }

    [Fact]
    public async Task The_finished_notification_carries_the_status_without_a_trace_and_adds_no_span()
    {
        var trace = TraceParent.New();
        await using var finished = await system.Nats.SubscribeCoreAsync<byte[]>(JobSubjects.FinishedAll);
        await system.Nats.PingAsync();

        var job = await system.SubmitAsync(JobOperations.NodeUptime, JobTarget.ForHost("gamma"), trace);

        using var timeout = new CancellationTokenSource(WorkerSystem.Timeout);
        NatsMsg<byte[]> notification = default;
        await foreach (var msg in finished.Msgs.ReadAllAsync(timeout.Token))
        {
            if (msg.Subject == JobSubjects.Finished(job.Id))
            {
                notification = msg;
                break;
            }
        }

        Assert.Equal("completed", Encoding.UTF8.GetString(notification.Data!));
        Assert.False(notification.Headers?.ContainsKey("traceparent") ?? false, "the notification carries no traceparent");
        await SpanAsync(trace, WorkerSpanTestsNames.Process);
        Assert.DoesNotContain(Spans(trace), s => s.GetProperty("name").GetString()!.Contains(JobSubjects.FinishedPrefix, StringComparison.Ordinal));
    }

    private async Task<JsonElement> SpanAsync(TraceParent trace, string name)
    {
        var line = await system.Worker.Output.WaitForLineAsync(
            l => l.StartsWith('{') && l.Contains(trace.TraceId, StringComparison.Ordinal) && l.Contains($"\"name\":\"{name}\"", StringComparison.Ordinal),
            WorkerSystem.Timeout);
        return JsonDocument.Parse(line).RootElement;
    }

    private List<JsonElement> Spans(TraceParent trace) =>
        [.. system.Worker.Output.Lines
            .Where(l => l.StartsWith('{') && l.Contains(trace.TraceId, StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement)];
}

internal static class WorkerSpanTestsNames
{
    public const string Process = "job.process";
}
