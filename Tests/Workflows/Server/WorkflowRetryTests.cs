using Google.Protobuf.WellKnownTypes;
using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Server;

/// <summary>FailStep and the retry policy: backoff honoured (not handed out before retry_at, promptly after), then the workflow fails.</summary>
public sealed class WorkflowRetryTests(WorkflowServerSystem system) : IClassFixture<WorkflowServerSystem>
{
    private static readonly RetryPolicy QuickPolicy = new()
    {
        MaxAttempts = 3,
        InitialInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)),
        BackoffCoefficient = 2,
        MaxInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)),
        NonRetryableErrorTypes = { "BadInput" },
    };

    [Fact]
    public async Task A_failed_step_is_retried_after_the_backoff_and_fails_the_workflow_after_max_attempts()
    {
        var queue = WorkflowServerSystem.NewQueue();
        var workerId = await system.RegisterAsync(queue, "flaky");
        var started = await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = "flaky", TaskQueue = queue, RetryPolicy = QuickPolicy });
        var task = await system.PollAsync(workerId, queue, TimeSpan.FromSeconds(10));
        Assert.Equal((started.RunId, 1), (task.RunId, task.Attempt));

        foreach (var (attempt, backoff) in new[] { (1, TimeSpan.FromSeconds(1)), (2, TimeSpan.FromSeconds(2)) })
        {
            var step = await system.Workers.BeginStepAsync(new BeginStepRequest { WorkerId = workerId, RunId = task.RunId, StepName = "call" });
            Assert.Equal(attempt, step.Attempt);
            var failedAt = DateTimeOffset.UtcNow;
            var failed = await system.Workers.FailStepAsync(new FailStepRequest
            {
                WorkerId = workerId, RunId = task.RunId, StepName = "call", ErrorMessage = "connection refused", ErrorType = "IOException",
            });
            Assert.Equal(FailStepResponse.Types.Outcome.RetryScheduled, failed.Outcome);
            Assert.Equal(attempt + 1, failed.NextAttempt);
            var retryAt = failed.RetryAt.ToDateTimeOffset();
            Assert.InRange(retryAt - failedAt, backoff - TimeSpan.FromMilliseconds(500), backoff + TimeSpan.FromMilliseconds(500));
            Assert.Equal(WorkflowState.Pending, (await system.GetAsync(task.RunId)).Run.State);

            task = await system.PollAsync(workerId, queue, TimeSpan.FromSeconds(20));
            var answeredAt = DateTimeOffset.UtcNow;

            Assert.True(task.HasTask);
            Assert.Equal(attempt + 1, task.Attempt);
            Assert.True(answeredAt >= retryAt - TimeSpan.FromMilliseconds(50), $"handed out at {answeredAt:O}, before retry_at {retryAt:O}");
            Assert.True(answeredAt - retryAt < TimeSpan.FromSeconds(2), $"handed out {answeredAt - retryAt} after retry_at: not woken when due");
        }

        await system.Workers.BeginStepAsync(new BeginStepRequest { WorkerId = workerId, RunId = task.RunId, StepName = "call" });
        var last = await system.Workers.FailStepAsync(new FailStepRequest { WorkerId = workerId, RunId = task.RunId, StepName = "call", ErrorMessage = "still refused" });

        Assert.Equal(FailStepResponse.Types.Outcome.WorkflowFailed, last.Outcome);
        var run = await system.GetAsync(task.RunId);
        Assert.Equal(WorkflowState.Failed, run.Run.State);
        Assert.Contains("still refused", run.Run.Error, StringComparison.Ordinal);
        Assert.Equal((StepState.Failed, 3), (run.Steps.Single().State, run.Steps.Single().Attempt));
    }

    [Fact]
    public async Task A_non_retryable_error_type_fails_the_workflow_at_once()
    {
        var queue = WorkflowServerSystem.NewQueue();
        var workerId = await system.RegisterAsync(queue, "strict");
        await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = "strict", TaskQueue = queue, RetryPolicy = QuickPolicy });
        var task = await system.PollAsync(workerId, queue, TimeSpan.FromSeconds(10));
        await system.Workers.BeginStepAsync(new BeginStepRequest { WorkerId = workerId, RunId = task.RunId, StepName = "parse" });

        var failed = await system.Workers.FailStepAsync(new FailStepRequest
        {
            WorkerId = workerId, RunId = task.RunId, StepName = "parse", ErrorMessage = "not JSON", ErrorType = "BadInput",
        });

        Assert.Equal(FailStepResponse.Types.Outcome.WorkflowFailed, failed.Outcome);
        Assert.Equal(WorkflowState.Failed, (await system.GetAsync(task.RunId)).Run.State);
    }

    [Fact]
    public async Task The_request_policy_overrides_the_runs_and_max_attempts_1_means_no_retry()
    {
        var queue = WorkflowServerSystem.NewQueue();
        var workerId = await system.RegisterAsync(queue, "once");
        await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = "once", TaskQueue = queue, RetryPolicy = QuickPolicy });
        var task = await system.PollAsync(workerId, queue, TimeSpan.FromSeconds(10));
        await system.Workers.BeginStepAsync(new BeginStepRequest { WorkerId = workerId, RunId = task.RunId, StepName = "s" });

        var failed = await system.Workers.FailStepAsync(new FailStepRequest
        {
            WorkerId = workerId, RunId = task.RunId, StepName = "s", ErrorMessage = "boom", RetryPolicy = new RetryPolicy { MaxAttempts = 1 },
        });

        Assert.Equal(FailStepResponse.Types.Outcome.WorkflowFailed, failed.Outcome);
    }
}
