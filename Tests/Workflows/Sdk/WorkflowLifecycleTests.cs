using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Sdk;

/// <summary>Durable sleep, cancel, drain on SIGTERM and a WorkflowServer restart, with real processes.</summary>
[Collection(DefaultLeaseCollection.Name)]
public sealed class WorkflowLifecycleTests(DefaultLeaseSystem system)
{
    [Fact]
    public async Task A_durable_sleep_leaves_the_run_sleeping_on_the_server_and_another_execution_finishes_it()
    {
        var queue = system.NewQueue();
        await using var worker = await system.StartWorkerAsync(queue);

        var runId = await system.StartAsync(queue, "test.sleep", new { file = queue.StepLog, milliseconds = 3000 });

        var sleeping = await system.WaitForStateAsync(runId, WorkflowState.Sleeping);
        Assert.NotNull(sleeping.Run.WakeAt);
        Assert.Equal(1, queue.Count(runId, "before"));
        Assert.Equal(0, queue.Count(runId, "after"));
        var done = await system.CompletionAsync(runId);
        Assert.Equal(WorkflowState.Completed, done.Run.State);
        Assert.Equal("\"slept\"", done.Run.Output);
        Assert.Equal(1, queue.Count(runId, "before"));
        Assert.Equal(1, queue.Count(runId, "after"));
        var before = done.Steps.Single(s => s.Name == "before");
        var after = done.Steps.Single(s => s.Name == "after");
        Assert.True(after.StartedAt.ToDateTimeOffset() - before.FinishedAt.ToDateTimeOffset() >= TimeSpan.FromMilliseconds(2900), "the second execution started once the timer was due");

        var executions = await Task.WhenAll(
            worker.WaitForExecutionSpanAsync(runId, "sleeping"), worker.WaitForExecutionSpanAsync(runId, "completed"));
        Assert.Equal("true", worker.Spans.Single(s => s.Name() == "step_execution" && s.Tag("run_id") == runId && s.Tag("step_name") == "before" && s.Tag("step.cached") is not null).Tag("step.cached"));
        Assert.Equal(executions[0].TraceId(), executions[1].TraceId());
    }

    [Fact]
    public async Task A_run_cancelled_while_it_executes_is_abandoned_by_its_worker()
    {
        var queue = system.NewQueue();
        await using var worker = await system.StartWorkerAsync(queue);
        var runId = await system.StartAsync(queue, "test.steps", new { file = queue.StepLog, steps = 3, blockAt = 2, gateFile = queue.Gate });
        await Eventually(() => queue.Count(runId, "step-2:waiting") == 1, "step-2 to block");

        var cancelled = await system.Client.CancelAsync(runId, "test");
        queue.OpenGate();

        Assert.Equal(WorkflowState.Cancelled, cancelled.State);
        await worker.WaitForLogAsync($"Run {runId} (test.steps) abandoned");
        Assert.Equal(1, queue.Count(runId, "step-2"));
        Assert.Equal(0, queue.Count(runId, "step-3"));
        Assert.Equal(WorkflowState.Cancelled, (await system.Client.GetAsync(runId)).Run.State);
    }

    [Fact]
    public async Task A_stopping_worker_finishes_its_running_execution_then_deregisters()
    {
        var queue = system.NewQueue();
        var worker = await system.StartWorkerAsync(queue, new Dictionary<string, string?> { ["Workflows__Worker__DrainTimeout"] = "00:00:15" });
        await using var _ = worker;
        var runId = await system.StartAsync(queue, "test.steps", new { file = queue.StepLog, steps = 3, blockAt = 2, gateFile = queue.Gate });
        await Eventually(() => queue.Count(runId, "step-2:waiting") == 1, "step-2 to block");

        var exit = worker.StopAsync();
        await worker.WaitForLogAsync("Workflow worker draining");
        queue.OpenGate();

        Assert.Equal(0, await exit);
        Assert.True(worker.HasLogged("deregistered"), "the worker deregistered");
        var done = await system.Client.GetAsync(runId);
        Assert.Equal(WorkflowState.Completed, done.Run.State);
        Assert.Equal("6", done.Run.Output);
    }

    [Fact]
    public async Task A_worker_that_cannot_drain_in_time_releases_its_run_at_once_and_another_worker_finishes_it()
    {
        var queue = system.NewQueue();
        var first = await system.StartWorkerAsync(queue, new Dictionary<string, string?> { ["Workflows__Worker__DrainTimeout"] = "00:00:01" });
        var runId = await system.StartAsync(queue, "test.steps", new { file = queue.StepLog, steps = 3, blockAt = 2, gateFile = queue.Gate });
        await Eventually(() => queue.Count(runId, "step-2:waiting") == 1, "step-2 to block");

        var stopped = DateTimeOffset.UtcNow;
        Assert.Equal(0, await first.StopAsync());
        await first.DisposeAsync();

        // Deregister hands the run back at once: far sooner than its 30 s lease would expire.
        await system.WaitForStateAsync(runId, WorkflowState.Pending);
        Assert.True(DateTimeOffset.UtcNow - stopped < TimeSpan.FromSeconds(20));
        Assert.True(first.HasLogged("drain timed out"));
        Assert.Equal(0, queue.Count(runId, "step-2"));
        queue.OpenGate();
        await using var second = await system.StartWorkerAsync(queue);
        var done = await system.CompletionAsync(runId);
        Assert.Equal(WorkflowState.Completed, done.Run.State);
        Assert.Equal(1, queue.Count(runId, "step-1"));
        Assert.Equal(1, queue.Count(runId, "step-2"));
    }

    [Fact]
    public async Task The_worker_rides_out_a_WorkflowServer_restart_and_a_sleeping_run_wakes_after_it()
    {
        var queue = system.NewQueue();
        await using var worker = await system.StartWorkerAsync(queue);
        var sleeperId = await system.StartAsync(queue, "test.sleep", new { file = queue.StepLog, milliseconds = 4000 });
        await system.WaitForStateAsync(sleeperId, WorkflowState.Sleeping);

        await system.StopServerAsync();
        await worker.WaitForLogAsync("WorkflowServer unavailable");
        await system.StartServerAsync();
        var runId = await system.StartAsync(queue, "test.steps", new { file = queue.StepLog, steps = 2 });

        var done = await system.CompletionAsync(runId);
        Assert.Equal(WorkflowState.Completed, done.Run.State);
        var slept = await system.CompletionAsync(sleeperId);
        Assert.Equal(WorkflowState.Completed, slept.Run.State);
        Assert.Equal(1, queue.Count(sleeperId, "before"));
        Assert.Equal(1, queue.Count(sleeperId, "after"));
        Assert.False(worker.Program.Process.HasExited);
        Assert.Single(worker.Program.Output.Lines, l => !l.StartsWith('{') && l.Contains("WorkflowServer unavailable", StringComparison.Ordinal));
        Assert.True(worker.HasLogged("WorkflowServer reachable again"));
    }

    private static Task Eventually(Func<bool> condition, string what) =>
        Infrastructure.Eventually.WaitUntilAsync(condition, WorkflowSdkSystem.Timeout, what);
}
