using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Sdk;

/// <summary>Leases of 3 s: a killed worker's run is resumed elsewhere; a live worker's heartbeats keep its run.</summary>
[Collection(ShortLeaseCollection.Name)]
public sealed class WorkflowCrashTests(ShortLeaseSystem system)
{
    [Fact]
    public async Task After_kill_9_mid_workflow_another_worker_resumes_the_run_without_running_completed_steps_again()
    {
        var queue = system.NewQueue();
        var input = new { file = queue.StepLog, steps = 4, blockAt = 3, gateFile = queue.Gate };
        var first = await system.StartWorkerAsync(queue);
        var runId = await system.StartAsync(queue, "test.steps", input);
        await Eventually(() => queue.Count(runId, "step-3:waiting") == 1, "the first worker to block in step-3");

        await first.KillAsync();
        await using var second = await system.StartWorkerAsync(queue);
        // The lease expires, the run is PENDING again and the second worker replays it up to step-3.
        await Eventually(() => queue.Count(runId, "step-3:waiting") == 2, "the second worker to reach step-3");
        queue.OpenGate();

        var done = await system.CompletionAsync(runId);
        Assert.Equal(WorkflowState.Completed, done.Run.State);
        Assert.Equal("10", done.Run.Output);
        Assert.Equal(1, queue.Count(runId, "step-1"));
        Assert.Equal(1, queue.Count(runId, "step-2"));
        Assert.Equal(1, queue.Count(runId, "step-3"));
        Assert.Equal(1, queue.Count(runId, "step-4"));
        var resumed = await second.WaitForExecutionSpanAsync(runId, "completed");
        var cached = second.Spans.Where(s => s.Name() == "step_execution" && s.ParentId() == resumed.SpanId() && s.Tag("step.cached") == "true");
        Assert.Equal(["step-1", "step-2"], cached.Select(s => s.Tag("step_name")).Order(StringComparer.Ordinal));
        await first.DisposeAsync();
    }

    [Fact]
    public async Task Heartbeats_keep_a_run_leased_to_its_worker_while_a_step_runs_longer_than_the_lease()
    {
        var queue = system.NewQueue();
        await using var worker = await system.StartWorkerAsync(queue);
        var runId = await system.StartAsync(queue, "test.steps", new { file = queue.StepLog, steps = 2, blockAt = 1, gateFile = queue.Gate });
        await Eventually(() => queue.Count(runId, "step-1:waiting") == 1, "step-1 to block");

        // Three leases long: without heartbeats the run would be PENDING again and re-executed.
        var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(9);
        await Infrastructure.Eventually.WaitUntilAsync(
            async () => (await system.Client.GetAsync(runId)).Run.State != WorkflowState.Running || DateTimeOffset.UtcNow > until,
            TimeSpan.FromSeconds(30), "three lease durations to pass");
        Assert.Equal(WorkflowState.Running, (await system.Client.GetAsync(runId)).Run.State);
        queue.OpenGate();

        var done = await system.CompletionAsync(runId);
        Assert.Equal(WorkflowState.Completed, done.Run.State);
        Assert.Equal(1, queue.Count(runId, "step-1:waiting"));
        Assert.Equal(1, queue.Count(runId, "step-1"));
    }

    private static Task Eventually(Func<bool> condition, string what) =>
        Infrastructure.Eventually.WaitUntilAsync(condition, WorkflowSdkSystem.Timeout, what);
}
