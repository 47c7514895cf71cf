using Grpc.Core;
using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Server;

/// <summary>CancelWorkflow ends a run (its worker is refused from then on); RetryWorkflow starts a new run of a failed or cancelled one.</summary>
public sealed class WorkflowCancelRetryTests(WorkflowServerSystem system) : IClassFixture<WorkflowServerSystem>
{
    [Fact]
    public async Task A_cancelled_run_refuses_its_worker_and_cannot_be_cancelled_again_but_can_be_retried()
    {
        var queue = WorkflowServerSystem.NewQueue();
        var workerId = await system.RegisterAsync(queue, "cancellable");
        var started = await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest
        {
            WorkflowType = "cancellable", TaskQueue = queue, Input = """{"n": 1}""", ExternalId = "x-" + queue,
        });
        var task = await system.PollAsync(workerId, queue, TimeSpan.FromSeconds(10));

        var cancelled = await system.Workflows.CancelWorkflowAsync(new CancelWorkflowRequest { RunId = started.RunId, Reason = "operator" });

        Assert.Equal(WorkflowState.Cancelled, cancelled.Run.State);
        Assert.Contains("operator", cancelled.Run.Error, StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            system.Workers.BeginStepAsync(new BeginStepRequest { WorkerId = workerId, RunId = task.RunId, StepName = "s" }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("CANCELLED", refused.Status.Detail, StringComparison.Ordinal);
        var again = await Assert.ThrowsAsync<RpcException>(() =>
            system.Workflows.CancelWorkflowAsync(new CancelWorkflowRequest { RunId = started.RunId }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);

        var retried = await system.Workflows.RetryWorkflowAsync(new RetryWorkflowRequest { RunId = started.RunId });

        Assert.NotEqual(started.RunId, retried.RunId);
        var run = (await system.GetAsync(retried.RunId)).Run;
        Assert.Equal((WorkflowState.Pending, started.RunId, "cancellable", """{"n": 1}""", 1), (run.State, run.RetryOf, run.WorkflowType, run.Input, run.Attempt));
        var next = await system.PollAsync(workerId, queue, TimeSpan.FromSeconds(10));
        Assert.Equal(retried.RunId, next.RunId);
    }

    [Fact]
    public async Task Only_failed_or_cancelled_runs_can_be_retried()
    {
        var started = await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = "busy", TaskQueue = WorkflowServerSystem.NewQueue() });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            system.Workflows.RetryWorkflowAsync(new RetryWorkflowRequest { RunId = started.RunId }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("PENDING", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrying_while_another_run_holds_the_external_id_is_already_exists()
    {
        var queue = WorkflowServerSystem.NewQueue();
        var request = new StartWorkflowRequest { WorkflowType = "unique", TaskQueue = queue, ExternalId = "u-" + queue };
        var first = await system.Workflows.StartWorkflowAsync(request);
        await system.Workflows.CancelWorkflowAsync(new CancelWorkflowRequest { RunId = first.RunId });
        var second = await system.Workflows.StartWorkflowAsync(request);
        Assert.False(second.AlreadyStarted);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            system.Workflows.RetryWorkflowAsync(new RetryWorkflowRequest { RunId = first.RunId }).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
    }
}
