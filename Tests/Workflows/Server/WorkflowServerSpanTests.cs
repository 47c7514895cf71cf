using System.Text.Json;
using Grpc.Core;
using TraceApp.Tests.Infrastructure;
using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Server;

/// <summary>
/// The server's spans as its stdout exporter writes them: each RPC a snake_case span under the ASP.NET Core Server
/// span (which continues the caller's traceparent), repository spans below it, Npgsql's below those.
/// </summary>
public sealed class WorkflowServerSpanTests(WorkflowServerSystem system) : IClassFixture<WorkflowServerSystem>
{
    [Fact]
    public async Task Start_workflow_continues_the_callers_trace_with_repository_notify_and_npgsql_spans_below_it()
    {
        var queue = WorkflowServerSystem.NewQueue();
        var caller = TraceParent.New();

        var started = await system.Workflows.StartWorkflowAsync(
            new StartWorkflowRequest { WorkflowType = "traced", TaskQueue = queue }, WorkflowServerSystem.As(caller));

        var rpc = await system.SpanAsync(caller.TraceId, "start_workflow");
        var server = await system.SpanAsync(caller.TraceId, "traceapp.workflows.v1.WorkflowService/StartWorkflow");
        Assert.Equal("Server", server.GetProperty("kind").GetString());
        Assert.Equal(caller.SpanId, server.GetProperty("parent_span_id").GetString());
        // The ASP.NET Core instrumentation names its span when the request ends, so the RPC's own span is a child.
        Assert.Equal(Id(server), Parent(rpc));
        var tags = rpc.GetProperty("attributes");
        Assert.Equal(started.RunId, tags.GetProperty("run_id").GetString());
        Assert.Equal("traced", tags.GetProperty("workflow_type").GetString());
        Assert.Equal("default", tags.GetProperty("namespace").GetString());
        Assert.Equal(queue, tags.GetProperty("task_queue").GetString());

        var create = await system.SpanAsync(caller.TraceId, "workflow_run.create");
        Assert.Equal(Id(rpc), Parent(create));
        var notify = await system.SpanAsync(caller.TraceId, "queue.notify");
        Assert.Equal(Id(create), Parent(notify));
        Assert.Equal("workflow_tasks", notify.GetProperty("attributes").GetProperty("messaging.destination.name").GetString());
        var spans = system.SpansOf(caller.TraceId);
        var npgsql = spans.Where(s => s.GetProperty("scope").GetProperty("name").GetString() == "Npgsql").ToList();
        Assert.Contains(npgsql, s => Parent(s) == Id(create));
        Assert.Contains(npgsql, s => Parent(s) == Id(notify));
        Assert.All(npgsql, s => Assert.Contains(Parent(s), new[] { Id(create), Id(notify) }));

        // The run keeps the start_workflow span's context for its executions.
        var task = await system.PollAsync(await system.RegisterAsync(queue, "traced"), queue, TimeSpan.FromSeconds(10));
        Assert.Equal($"00-{caller.TraceId}-{Id(rpc)}-01", task.Traceparent);
    }

    [Fact]
    public async Task Worker_rpcs_have_their_spans_with_run_step_and_worker_tags_and_repository_children()
    {
        var queue = WorkflowServerSystem.NewQueue();
        var workerId = await system.RegisterAsync(queue, "traced-steps");
        await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = "traced-steps", TaskQueue = queue });
        var pollTrace = TraceParent.New();
        var task = await system.Workers.PollTaskAsync(
            new PollTaskRequest { WorkerId = workerId, TaskQueue = queue, Wait = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(10)) },
            WorkflowServerSystem.As(pollTrace));
        var stepTrace = TraceParent.New();

        await system.Workers.BeginStepAsync(new BeginStepRequest { WorkerId = workerId, RunId = task.RunId, StepName = "fetch" }, WorkflowServerSystem.As(stepTrace));
        await system.Workers.CompleteStepAsync(
            new CompleteStepRequest { WorkerId = workerId, RunId = task.RunId, StepName = "fetch", Output = "1" }, WorkflowServerSystem.As(stepTrace));

        var poll = await system.SpanAsync(pollTrace.TraceId, "poll_task");
        AssertTags(poll, ("run_id", task.RunId), ("worker_id", workerId), ("workflow_type", "traced-steps"), ("task_queue", queue), ("namespace", "default"));
        Assert.Equal(Id(poll), Parent(await system.SpanAsync(pollTrace.TraceId, "workflow_run.claim", s => Tag(s, "run_id") == task.RunId)));
        foreach (var (rpcName, repositoryName) in new[] { ("begin_step", "workflow_step.begin"), ("complete_step", "workflow_step.complete") })
        {
            var rpc = await system.SpanAsync(stepTrace.TraceId, rpcName);
            AssertTags(rpc, ("run_id", task.RunId), ("worker_id", workerId), ("workflow_type", "traced-steps"), ("step_name", "fetch"));
            var server = system.SpansOf(stepTrace.TraceId).Single(s => Id(s) == Parent(rpc));
            Assert.Equal(stepTrace.SpanId, Parent(server));
            var repository = await system.SpanAsync(stepTrace.TraceId, repositoryName);
            Assert.Equal(Id(rpc), Parent(repository));
            Assert.Contains(system.SpansOf(stepTrace.TraceId), s => s.GetProperty("scope").GetProperty("name").GetString() == "Npgsql" && Parent(s) == Id(repository));
        }
    }

    [Fact]
    public async Task A_retried_run_continues_the_retry_workflow_trace_with_a_link_to_the_old_runs_trace()
    {
        var queue = WorkflowServerSystem.NewQueue();
        var first = TraceParent.New();
        var old = await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = "relinked", TaskQueue = queue }, WorkflowServerSystem.As(first));
        await system.Workflows.CancelWorkflowAsync(new CancelWorkflowRequest { RunId = old.RunId });
        var second = TraceParent.New();

        var retried = await system.Workflows.RetryWorkflowAsync(new RetryWorkflowRequest { RunId = old.RunId }, WorkflowServerSystem.As(second));

        var rpc = await system.SpanAsync(second.TraceId, "retry_workflow");
        AssertTags(rpc, ("run_id", old.RunId), ("retry_run_id", retried.RunId), ("workflow_type", "relinked"), ("task_queue", queue));
        var link = Assert.Single(rpc.GetProperty("links").EnumerateArray());
        Assert.Equal(first.TraceId, link.GetProperty("trace_id").GetString());
        Assert.Equal(Id(await system.SpanAsync(first.TraceId, "start_workflow")), link.GetProperty("span_id").GetString());
        var task = await system.PollAsync(await system.RegisterAsync(queue, "relinked"), queue, TimeSpan.FromSeconds(10));
        Assert.Equal(retried.RunId, task.RunId);
        Assert.Equal($"00-{second.TraceId}-{Id(rpc)}-01", task.Traceparent);
    }

    [Fact]
    public async Task A_refused_call_has_error_status_and_the_grpc_code_without_an_exception_event()
    {
        var caller = TraceParent.New();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            system.Workflows.GetWorkflowAsync(new GetWorkflowRequest { RunId = Guid.NewGuid().ToString() }, WorkflowServerSystem.As(caller)).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        var rpc = await system.SpanAsync(caller.TraceId, "get_workflow");
        Assert.Equal("Error", rpc.GetProperty("status").GetString());
        Assert.Equal(error.Status.Detail, rpc.GetProperty("status_description").GetString());
        Assert.Equal((int)StatusCode.NotFound, rpc.GetProperty("attributes").GetProperty("rpc.grpc.status_code").GetInt32());
        Assert.False(rpc.TryGetProperty("events", out _), "a refusal records no exception event");
    }

    private static string Id(JsonElement span) => span.GetProperty("span_id").GetString()!;

    private static string? Parent(JsonElement span) => span.TryGetProperty("parent_span_id", out var parent) ? parent.GetString() : null;

    private static string? Tag(JsonElement span, string name) =>
        span.GetProperty("attributes").TryGetProperty(name, out var value) ? value.GetString() : null;

    private static void AssertTags(JsonElement span, params (string Name, string Value)[] expected)
    {
        foreach (var (name, value) in expected)
        {
            Assert.True(Tag(span, name) == value, $"{span.GetProperty("name").GetString()}: {name} is {Tag(span, name) ?? "missing"}, expected {value}");
        }
    }
}
