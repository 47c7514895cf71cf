using System.Diagnostics;
using System.Text.Json;
using Grpc.Core;
using TraceApp.Tests.Infrastructure;
using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Server;

/// <summary>A run from StartWorkflow through PollTask, memoized steps and CompleteWorkflow, against the built server and a real PostgreSQL.</summary>
public sealed class WorkflowLifecycleTests(WorkflowServerSystem system) : IClassFixture<WorkflowServerSystem>
{
    [Fact]
    public async Task A_run_goes_from_start_through_poll_and_memoized_steps_to_completed()
    {
        var queue = WorkflowServerSystem.NewQueue();
        var workerId = await system.RegisterAsync(queue, "order-report");
        var caller = TraceParent.New();

        var started = await system.Workflows.StartWorkflowAsync(
            new StartWorkflowRequest { WorkflowType = "order-report", TaskQueue = queue, Input = """{"order": 7}""" }, WorkflowServerSystem.As(caller));

        Assert.False(started.AlreadyStarted);
        var task = await system.PollAsync(workerId, queue, TimeSpan.FromSeconds(30));
        Assert.True(task.HasTask);
        Assert.Equal(started.RunId, task.RunId);
        Assert.Equal("order-report", task.WorkflowType);
        Assert.Equal(7, JsonDocument.Parse(task.Input).RootElement.GetProperty("order").GetInt32());
        Assert.Equal(1, task.Attempt);
        Assert.True(ActivityContext.TryParse(task.Traceparent, null, out var runContext), task.Traceparent);
        Assert.Equal(caller.TraceId, runContext.TraceId.ToHexString());

        var first = await system.Workers.BeginStepAsync(new BeginStepRequest { WorkerId = workerId, RunId = task.RunId, StepName = "load" });
        Assert.True(first.ShouldExecute);
        Assert.Equal(1, first.Attempt);
        await system.Workers.CompleteStepAsync(new CompleteStepRequest { WorkerId = workerId, RunId = task.RunId, StepName = "load", Output = """{"lines": 3}""" });
        var replay = await system.Workers.BeginStepAsync(new BeginStepRequest { WorkerId = workerId, RunId = task.RunId, StepName = "load" });
        Assert.False(replay.ShouldExecute);
        Assert.Equal(3, JsonDocument.Parse(replay.CachedOutput).RootElement.GetProperty("lines").GetInt32());
        await system.Workers.CompleteWorkflowAsync(new CompleteWorkflowRequest { WorkerId = workerId, RunId = task.RunId, Output = "\"done\"" });

        var run = await system.GetAsync(task.RunId);
        Assert.Equal(WorkflowState.Completed, run.Run.State);
        Assert.Equal("\"done\"", run.Run.Output);
        Assert.Equal(caller.TraceId, run.Run.TraceId);
        Assert.NotNull(run.Run.FinishedAt);
        var step = Assert.Single(run.Steps);
        Assert.Equal(("load", StepState.Completed, 1), (step.Name, step.State, step.Attempt));
    }

    [Fact]
    public async Task A_waiting_poll_is_woken_by_the_notify_of_StartWorkflow_long_before_its_wait_ends()
    {
        var queue = WorkflowServerSystem.NewQueue();
        var workerId = await system.RegisterAsync(queue, "wake-up");
        var wait = TimeSpan.FromSeconds(30);
        var stopwatch = Stopwatch.StartNew();
        var poll = system.PollAsync(workerId, queue, wait);
        // The poll's first claim found nothing: the server holds it.
        await system.Server.Output.WaitForLineAsync(
            l => l.Contains("\"name\":\"workflow_run.claim\"", StringComparison.Ordinal) && l.Contains(queue, StringComparison.Ordinal),
            WorkflowServerSystem.Timeout);
        Assert.False(poll.IsCompleted);

        var started = await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = "wake-up", TaskQueue = queue });
        var startedAt = stopwatch.Elapsed;
        var task = await poll;

        Assert.True(task.HasTask);
        Assert.Equal(started.RunId, task.RunId);
        Assert.True(stopwatch.Elapsed - startedAt < TimeSpan.FromSeconds(5),
            $"the poll answered {stopwatch.Elapsed - startedAt} after StartWorkflow (wait {wait}): it was not woken by NOTIFY");
    }

    [Fact]
    public async Task Starting_twice_with_one_external_id_returns_the_running_run()
    {
        var queue = WorkflowServerSystem.NewQueue();
        var request = new StartWorkflowRequest { WorkflowType = "idempotent", TaskQueue = queue, ExternalId = "order-" + queue };

        var first = await system.Workflows.StartWorkflowAsync(request);
        var second = await system.Workflows.StartWorkflowAsync(request);

        Assert.False(first.AlreadyStarted);
        Assert.True(second.AlreadyStarted);
        Assert.Equal(first.RunId, second.RunId);
    }

    [Fact]
    public async Task A_poll_the_client_gives_up_on_ends_on_the_server_at_once()
    {
        var queue = WorkflowServerSystem.NewQueue();
        var workerId = await system.RegisterAsync(queue, "impatient");
        var caller = TraceParent.New();

        var error = await Assert.ThrowsAsync<RpcException>(() => system.Workers.PollTaskAsync(
            new PollTaskRequest { WorkerId = workerId, TaskQueue = queue, Wait = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(30)) },
            WorkflowServerSystem.As(caller).WithDeadline(DateTime.UtcNow.AddSeconds(1))).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        var span = await system.SpanAsync(caller.TraceId, "poll_task");
        Assert.True(span.GetProperty("duration_ms").GetDouble() < 5000, $"the held poll went on for {span.GetProperty("duration_ms")} ms after its 1 s deadline");
    }
}
