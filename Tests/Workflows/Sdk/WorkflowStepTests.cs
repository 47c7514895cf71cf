using Google.Protobuf.WellKnownTypes;
using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Sdk;

/// <summary>Steps, retries and failures as WorkflowTestWorker runs them against a real WorkflowServer.</summary>
[Collection(DefaultLeaseCollection.Name)]
public sealed class WorkflowStepTests(DefaultLeaseSystem system)
{
    private static readonly RetryPolicy FastRetries = new()
    {
        MaxAttempts = 5,
        InitialInterval = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(300)),
        BackoffCoefficient = 2.0,
        MaxInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(5)),
    };

    [Fact]
    public async Task Every_step_runs_once_and_the_workflows_return_value_is_the_runs_output()
    {
        var queue = system.NewQueue();
        await using var worker = await system.StartWorkerAsync(queue);

        var runId = await system.StartAsync(queue, "test.steps", new { file = queue.StepLog, steps = 3 });

        var done = await system.CompletionAsync(runId);
        Assert.Equal(WorkflowState.Completed, done.Run.State);
        Assert.Equal("6", done.Run.Output);
        Assert.Equal(1, done.Run.Attempt);
        Assert.Equal(["step-1", "step-2", "step-3"], done.Steps.Select(s => s.Name));
        Assert.All(done.Steps, s => Assert.Equal(StepState.Completed, s.State));
        Assert.Equal(["1", "2", "3"], done.Steps.Select(s => s.Output));
        Assert.All(["step-1", "step-2", "step-3"], step => Assert.Equal(1, queue.Count(runId, step)));
    }

    [Fact]
    public async Task A_failing_step_is_retried_with_backoff_and_the_run_completes_on_attempt_3()
    {
        var queue = system.NewQueue();
        await using var worker = await system.StartWorkerAsync(queue);

        var runId = await system.StartAsync(queue, "test.flaky", new { file = queue.StepLog, failures = 2 }, FastRetries);

        var done = await system.CompletionAsync(runId);
        Assert.Equal(WorkflowState.Completed, done.Run.State);
        Assert.Equal("3", done.Run.Output);
        Assert.Equal(3, done.Run.Attempt);
        Assert.Equal(3, queue.Count(runId, "attempt"));
        Assert.Equal(1, queue.Count(runId, "after"));

        // The step's attempts, as spans: two failed with an exception event, then one that succeeded, each
        // attempt at least the backoff after the previous one (300 ms, then 600 ms).
        await worker.WaitForExecutionSpanAsync(runId, "completed");
        var attempts = worker.Spans
            .Where(s => s.Name() == "step_execution" && s.Tag("run_id") == runId && s.Tag("step_name") == "attempt")
            .OrderBy(s => s.Start()).ToList();
        Assert.Equal(["Error", "Error", "Unset"], attempts.Select(s => s.Status()));
        Assert.Equal(["1", "2", "3"], attempts.Select(s => s.Tag("step.attempt")));
        Assert.All(attempts.Take(2), s => Assert.True(s.HasEvent("exception"), "a failed attempt has an exception event"));
        Assert.True(attempts[1].Start() - attempts[0].Start() >= TimeSpan.FromMilliseconds(300), "first backoff");
        Assert.True(attempts[2].Start() - attempts[1].Start() >= TimeSpan.FromMilliseconds(600), "second backoff");
        var executions = worker.Spans.Where(s => s.Name() == "workflow_execution" && s.Tag("run_id") == runId).OrderBy(s => s.Start()).ToList();
        Assert.Equal(["1", "2", "3"], executions.Select(s => s.Tag("workflow.attempt")));
        Assert.Equal(["retry_scheduled", "retry_scheduled", "completed"], executions.Select(s => s.Tag("workflow.outcome")));
        Assert.Single(executions.Select(s => s.TraceId()).Distinct());
    }

    [Fact]
    public async Task A_step_that_fails_on_its_last_attempt_fails_the_workflow()
    {
        var queue = system.NewQueue();
        await using var worker = await system.StartWorkerAsync(queue);

        var runId = await system.StartAsync(queue, "test.flaky", new { file = queue.StepLog, failures = 9 }, FastRetries.Clone().With(p => p.MaxAttempts = 2));

        var done = await system.CompletionAsync(runId);
        Assert.Equal(WorkflowState.Failed, done.Run.State);
        Assert.Contains("flaky failure 2 of 9", done.Run.Error, StringComparison.Ordinal);
        Assert.Equal(2, queue.Count(runId, "attempt"));
        Assert.Equal(0, queue.Count(runId, "after"));
    }

    [Fact]
    public async Task A_non_retryable_error_type_fails_the_workflow_on_the_first_attempt()
    {
        var queue = system.NewQueue();
        await using var worker = await system.StartWorkerAsync(queue);
        var policy = FastRetries.Clone();
        policy.NonRetryableErrorTypes.Add("InvalidOperationException");

        var runId = await system.StartAsync(queue, "test.flaky", new { file = queue.StepLog, failures = 9 }, policy);

        var done = await system.CompletionAsync(runId);
        Assert.Equal(WorkflowState.Failed, done.Run.State);
        Assert.Equal(1, done.Run.Attempt);
        Assert.Equal(1, queue.Count(runId, "attempt"));
    }

    [Fact]
    public async Task Workflow_code_that_swallows_a_failed_step_cannot_complete_the_run()
    {
        var queue = system.NewQueue();
        await using var worker = await system.StartWorkerAsync(queue);

        var runId = await system.StartAsync(queue, "test.swallow", new { file = queue.StepLog }, FastRetries.Clone().With(p => p.MaxAttempts = 1));

        var done = await system.CompletionAsync(runId);
        Assert.Equal(WorkflowState.Failed, done.Run.State);
        Assert.Contains("boom", done.Run.Error, StringComparison.Ordinal);
        // The workflow code goes on (and writes "swallowed") after the server has failed the run: wait for its end.
        await worker.WaitForLogAsync($"Run {runId} (test.swallow) execution ended (failed)");
        Assert.Equal(1, queue.Count(runId, "boom"));
        Assert.Equal(1, queue.Count(runId, "swallowed"));
        Assert.False(worker.HasLogged($"Run {runId} (test.swallow) completed"));
    }

    [Fact]
    public async Task An_exception_outside_any_step_fails_the_workflow_without_retries()
    {
        var queue = system.NewQueue();
        await using var worker = await system.StartWorkerAsync(queue);

        var runId = await system.StartAsync(queue, "test.throws", new { file = queue.StepLog }, FastRetries);

        var done = await system.CompletionAsync(runId);
        Assert.Equal(WorkflowState.Failed, done.Run.State);
        Assert.Contains("the workflow code itself failed", done.Run.Error, StringComparison.Ordinal);
        Assert.Equal(1, done.Run.Attempt);
        Assert.Equal(1, queue.Count(runId, "before"));
        var execution = await worker.WaitForExecutionSpanAsync(runId, "failed");
        Assert.Equal("Error", execution.Status());
        Assert.True(execution.HasEvent("exception"));
    }
}

internal static class RetryPolicyExtensions
{
    public static RetryPolicy With(this RetryPolicy policy, Action<RetryPolicy> change)
    {
        change(policy);
        return policy;
    }
}
