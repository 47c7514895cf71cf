using System.Text.Json;
using System.Text.Json.Nodes;
using TraceApp.Tests.Infrastructure;
using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Interop;

/// <summary>
/// Language-agnostic workers: Tests/Interop/workflow-worker.mjs, written with @grpc/grpc-js against workflows.proto
/// only, registers, polls, runs a one-step workflow started here and completes it, sending a traceparent it makes
/// itself on every call; the real WorkflowServer continues that context on every RPC.
/// </summary>
public sealed class NodeWorkerInteropTests(WorkflowServerWithSpans system) : IClassFixture<WorkflowServerWithSpans>
{
    [Fact]
    public async Task A_node_worker_runs_a_workflow_to_completion_and_the_server_continues_its_trace_context()
    {
        var taskQueue = $"node-{Guid.NewGuid():N}";
        const string workflowType = "node.greeting";
        await using var node = NodeScript.Start("workflow-worker.mjs", $"127.0.0.1:{system.GrpcPort}", taskQueue, workflowType);
        var registered = await EventAsync(node, "registered");
        Assert.False(string.IsNullOrEmpty(registered.GetProperty("workerId").GetString()));

        // Started while the Node worker's PollTask is (or is about to be) held open.
        var caller = TraceParent.New();
        StartWorkflowResponse started;
        using (caller.StartAsCurrent())
        {
            started = await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest
            {
                WorkflowType = workflowType,
                TaskQueue = taskQueue,
                Input = """{"name":"interop"}""",
            });
        }

        var task = await EventAsync(node, "task");
        var done = await EventAsync(node, "done");
        Assert.Equal(0, await node.Exited.WaitAsync(WorkflowServerWithSpans.Timeout));

        // The run: completed with the Node worker's output, its step stored.
        Assert.Equal(started.RunId, task.GetProperty("runId").GetString());
        Assert.Equal(1, task.GetProperty("attempt").GetInt32());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"interop"}"""), JsonNode.Parse(task.GetProperty("input").GetString()!)));
        var run = await system.Workflows.GetWorkflowAsync(new GetWorkflowRequest { RunId = started.RunId });
        Assert.Equal(WorkflowState.Completed, run.Run.State);
        var expectedOutput = JsonNode.Parse("""{"greeting":"hello interop","worker":"node","grpc":"@grpc/grpc-js"}""");
        Assert.True(JsonNode.DeepEquals(expectedOutput, JsonNode.Parse(run.Run.Output)), run.Run.Output);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(done.GetProperty("output").GetString()!), JsonNode.Parse(run.Run.Output)), run.Run.Output);
        var step = Assert.Single(run.Steps);
        Assert.Equal("greet", step.Name);
        Assert.Equal(StepState.Completed, step.State);
        Assert.Equal(1, step.Attempt);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"greeting":"hello interop"}"""), JsonNode.Parse(step.Output)), step.Output);

        // PollTask handed the Node worker the start's context: the C# caller's trace, the server's start_workflow span.
        var pollTraceparent = Parse(task.GetProperty("traceparent").GetString()!);
        Assert.Equal(caller.TraceId, pollTraceparent.TraceId);
        Assert.Equal(caller.TraceId, run.Run.TraceId);
        var start = await system.SpanAsync(caller.TraceId, "start_workflow");
        Assert.Equal(start.GetProperty("span_id").GetString(), pollTraceparent.SpanId);

        // The Node worker's own context, continued by the server on every call it made.
        var workerContext = Parse(registered.GetProperty("traceparent").GetString()!);
        await system.WaitForCallerSpanAsync(workerContext.TraceId, "register", workerContext.SpanId);
        await system.WaitForCallerSpanAsync(workerContext.TraceId, "poll_task", workerContext.SpanId);
        var execution = Parse(task.GetProperty("execution").GetString()!);
        var stepContext = Parse(task.GetProperty("step").GetString()!);
        Assert.Equal(caller.TraceId, execution.TraceId);
        await system.WaitForCallerSpanAsync(stepContext.TraceId, "begin_step", stepContext.SpanId);
        await system.WaitForCallerSpanAsync(stepContext.TraceId, "complete_step", stepContext.SpanId);
        await system.WaitForCallerSpanAsync(execution.TraceId, "complete_workflow", execution.SpanId);
        var beginStep = await system.SpanAsync(stepContext.TraceId, "begin_step");
        Assert.Equal(started.RunId, beginStep.GetProperty("attributes").GetProperty("run_id").GetString());
        Assert.Equal("greet", beginStep.GetProperty("attributes").GetProperty("step_name").GetString());
    }

    private static async Task<JsonElement> EventAsync(Infrastructure.Processes.ManagedProcess node, string name)
    {
        var exited = node.Exited;
        var line = node.StandardOutput.WaitForLineAsync(l => l.Contains($"\"event\":\"{name}\"", StringComparison.Ordinal), WorkflowServerWithSpans.Timeout);
        if (await Task.WhenAny(line, exited) != line)
        {
            throw new InvalidOperationException($"The Node worker exited with code {await exited} before '{name}':{Environment.NewLine}{node.Tail(30)}");
        }

        return JsonDocument.Parse(await line).RootElement;
    }

    private static TraceParent Parse(string traceparent)
    {
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", traceparent);
        var parts = traceparent.Split('-');
        return new TraceParent(parts[1], parts[2]);
    }
}
