using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Sdk;

/// <summary>MaxConcurrency: a worker polls only while it has a free slot, and executes that many runs at once.</summary>
[Collection(DefaultLeaseCollection.Name)]
public sealed class WorkflowConcurrencyTests(DefaultLeaseSystem system)
{
    [Fact]
    public async Task A_worker_with_two_slots_executes_two_runs_at_once_and_leaves_the_third_pending_until_a_slot_frees()
    {
        var queue = system.NewQueue();
        await using var worker = await system.StartWorkerAsync(queue, new Dictionary<string, string?> { ["Workflows__Worker__MaxConcurrency"] = "2" });
        var input = new { file = queue.StepLog, steps = 1, blockAt = 1, gateFile = queue.Gate };

        string[] runs = [await system.StartAsync(queue, "test.steps", input), await system.StartAsync(queue, "test.steps", input), await system.StartAsync(queue, "test.steps", input)];

        await Infrastructure.Eventually.WaitUntilAsync(
            () => runs.Count(r => queue.Count(r, "step-1:waiting") == 1) == 2, WorkflowSdkSystem.Timeout, "two runs to block in step-1");
        var states = await Task.WhenAll(runs.Select(async r => (await system.Client.GetAsync(r)).Run.State));
        Assert.Equal(2, states.Count(s => s == WorkflowState.Running));
        Assert.Equal(1, states.Count(s => s == WorkflowState.Pending));
        queue.OpenGate();

        foreach (var run in runs)
        {
            Assert.Equal(WorkflowState.Completed, (await system.CompletionAsync(run)).Run.State);
            Assert.Equal(1, queue.Count(run, "step-1"));
        }
    }
}
