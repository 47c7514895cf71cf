using System.Text.Json;
using TraceApp.Tests.Infrastructure;
using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Sdk;

/// <summary>One trace from the caller through start_workflow, workflow_execution and its steps to the server's step spans.</summary>
[Collection(DefaultLeaseCollection.Name)]
public sealed class WorkflowSpanTests(DefaultLeaseSystem system)
{
    [Fact]
    public async Task Workflow_execution_continues_the_starts_trace_and_its_steps_are_children_with_the_servers_step_spans_below()
    {
        var queue = system.NewQueue();
        await using var worker = await system.StartWorkerAsync(queue);
        var caller = TraceParent.New();

        var runId = await system.StartAsync(queue, "test.steps", new { file = queue.StepLog, steps = 2 }, traceParent: caller.Header);

        Assert.Equal(WorkflowState.Completed, (await system.CompletionAsync(runId)).Run.State);
        var execution = await worker.WaitForExecutionSpanAsync(runId, "completed");
        Assert.Equal(caller.TraceId, execution.TraceId());
        Assert.Equal(queue.Name, execution.Tag("task_queue"));
        Assert.Equal("test.steps", execution.Tag("workflow_type"));
        Assert.Equal("default", execution.Tag("namespace"));
        Assert.Equal("1", execution.Tag("workflow.attempt"));
        Assert.NotNull(execution.Tag("worker_id"));

        var serverSpans = await ServerSpansAsync(caller.TraceId, "complete_workflow");
        var start = Assert.Single(serverSpans, s => s.Name() == "start_workflow");
        Assert.True(start.DescendsFrom(caller.SpanId, serverSpans) || start.ParentId() == caller.SpanId, "start_workflow continues the caller");
        Assert.Equal(start.SpanId(), execution.ParentId());

        var all = worker.Spans.Where(s => s.TraceId() == caller.TraceId).Concat(serverSpans).ToList();
        var steps = all.Where(s => s.Name() == "step_execution").OrderBy(s => s.Start()).ToList();
        Assert.Equal(["step-1", "step-2"], steps.Select(s => s.Tag("step_name")));
        Assert.All(steps, s =>
        {
            Assert.Equal(execution.SpanId(), s.ParentId());
            Assert.Equal(runId, s.Tag("run_id"));
            Assert.Equal("1", s.Tag("step.attempt"));
        });
        foreach (var step in steps)
        {
            var name = step.Tag("step_name");
            Assert.Single(serverSpans, s => s.Name() == "begin_step" && s.Tag("step_name") == name && s.DescendsFrom(step.SpanId(), all));
            Assert.Single(serverSpans, s => s.Name() == "complete_step" && s.Tag("step_name") == name && s.DescendsFrom(step.SpanId(), all));
        }

        Assert.Contains(serverSpans, s => s.Name() == "complete_workflow" && s.DescendsFrom(execution.SpanId(), all));
    }

    [Fact]
    public async Task Polls_are_traces_of_their_own_and_never_inside_a_runs_trace()
    {
        var queue = system.NewQueue();
        await using var worker = await system.StartWorkerAsync(queue);
        var caller = TraceParent.New();

        var runId = await system.StartAsync(queue, "test.steps", new { file = queue.StepLog, steps = 1 }, traceParent: caller.Header);

        await system.CompletionAsync(runId);
        await worker.WaitForExecutionSpanAsync(runId, "completed");
        var serverSpans = await ServerSpansAsync(caller.TraceId, "complete_workflow");
        Assert.DoesNotContain(serverSpans, s => s.Name() == "poll_task");
        Assert.DoesNotContain(worker.Spans, s => s.TraceId() == caller.TraceId && s.Name().EndsWith("/PollTask", StringComparison.Ordinal));
        Assert.Contains(worker.Spans, s => s.Name().EndsWith("/PollTask", StringComparison.Ordinal) && s.ParentId() is null);
    }

    private async Task<List<JsonElement>> ServerSpansAsync(string traceId, string last)
    {
        await system.Server.Output.WaitForLineAsync(
            l => l.StartsWith('{') && l.Contains(traceId, StringComparison.Ordinal) && l.Contains($"\"name\":\"{last}\"", StringComparison.Ordinal),
            WorkflowSdkSystem.Timeout);
        return [.. ExportedSpans.Parse(system.Server.Output.Lines).Where(s => s.TraceId() == traceId)];
    }
}
