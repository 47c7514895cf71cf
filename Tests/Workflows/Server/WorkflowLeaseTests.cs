using Grpc.Core;
using TraceApp.Tests.Infrastructure;
using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Server;

/// <summary>Leases (2 s here): heartbeats keep a run, silence loses it to another worker, deregistering gives it up at once.</summary>
public sealed class WorkflowLeaseTests(ShortLeaseSystem system) : IClassFixture<ShortLeaseSystem>
{
    [Fact]
    public async Task Register_tells_the_lease_and_a_heartbeat_interval_of_a_third_of_it()
    {
        var response = await system.Workers.RegisterAsync(new RegisterRequest { TaskQueue = WorkflowServerSystem.NewQueue(), WorkflowTypes = { "any" } });

        Assert.True(Guid.TryParse(response.WorkerId, out _));
        Assert.Equal(TimeSpan.FromSeconds(2), response.LeaseDuration.ToTimeSpan());
        Assert.Equal(TimeSpan.FromSeconds(2) / 3, response.HeartbeatInterval.ToTimeSpan());
    }

    [Fact]
    public async Task A_run_whose_worker_stops_heartbeating_goes_back_to_pending_and_another_worker_claims_it()
    {
        var queue = WorkflowServerSystem.NewQueue();
        var silent = await system.RegisterAsync(queue, "leased");
        var other = await system.RegisterAsync(queue, "leased");
        var started = await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = "leased", TaskQueue = queue });
        var claimed = await system.PollAsync(silent, queue, TimeSpan.FromSeconds(10));
        Assert.Equal(started.RunId, claimed.RunId);
        // The silent worker finished step "one" and was inside step "two" when it stopped.
        await system.Workers.BeginStepAsync(new BeginStepRequest { WorkerId = silent, RunId = started.RunId, StepName = "one" });
        await system.Workers.CompleteStepAsync(new CompleteStepRequest { WorkerId = silent, RunId = started.RunId, StepName = "one", Output = "11" });
        await system.Workers.BeginStepAsync(new BeginStepRequest { WorkerId = silent, RunId = started.RunId, StepName = "two" });

        // The other worker waits; the expiry loop's NOTIFY wakes it once the silent worker's lease has passed.
        var reclaimed = await system.PollAsync(other, queue, TimeSpan.FromSeconds(30));

        Assert.True(reclaimed.HasTask);
        Assert.Equal(started.RunId, reclaimed.RunId);
        await system.Server.Output.WaitForLineAsync(l => l.Contains($"Lease of run {started.RunId}", StringComparison.Ordinal), WorkflowServerSystem.Timeout);
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            system.Workers.BeginStepAsync(new BeginStepRequest { WorkerId = silent, RunId = started.RunId, StepName = "late" }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("another worker", refused.Status.Detail, StringComparison.Ordinal);

        // The new worker replays: the completed step comes from memory, the interrupted one runs again.
        var one = await system.Workers.BeginStepAsync(new BeginStepRequest { WorkerId = other, RunId = started.RunId, StepName = "one" });
        Assert.Equal((false, "11"), (one.ShouldExecute, one.CachedOutput));
        var two = await system.Workers.BeginStepAsync(new BeginStepRequest { WorkerId = other, RunId = started.RunId, StepName = "two" });
        Assert.Equal((true, 2), (two.ShouldExecute, two.Attempt));
    }

    [Fact]
    public async Task Heartbeats_keep_the_lease_past_its_duration()
    {
        var queue = WorkflowServerSystem.NewQueue();
        var workerId = await system.RegisterAsync(queue, "kept");
        var started = await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = "kept", TaskQueue = queue });
        await system.PollAsync(workerId, queue, TimeSpan.FromSeconds(10));
        var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5);

        // Heartbeats every ~third of the lease for 2.5 leases; the run must stay this worker's throughout.
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(600));
        while (DateTimeOffset.UtcNow < until && await ticks.WaitForNextTickAsync())
        {
            var heartbeat = await system.Workers.HeartbeatAsync(new HeartbeatRequest { WorkerId = workerId, RunIds = { started.RunId } });
            Assert.False(heartbeat.ShouldDrain);
            Assert.Equal(WorkflowState.Running, (await system.GetAsync(started.RunId)).Run.State);
        }

        await system.Workers.BeginStepAsync(new BeginStepRequest { WorkerId = workerId, RunId = started.RunId, StepName = "still-mine" });
    }

    [Fact]
    public async Task Deregistering_returns_the_workers_runs_to_pending_at_once_and_wakes_pollers()
    {
        var queue = WorkflowServerSystem.NewQueue();
        var leaving = await system.RegisterAsync(queue, "handover");
        var staying = await system.RegisterAsync(queue, "handover");
        var started = await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = "handover", TaskQueue = queue });
        await system.PollAsync(leaving, queue, TimeSpan.FromSeconds(10));
        var poll = system.PollAsync(staying, queue, TimeSpan.FromSeconds(30));

        await system.Workers.DeregisterAsync(new DeregisterRequest { WorkerId = leaving });

        var task = await poll;
        Assert.Equal(started.RunId, task.RunId);
        var gone = await Assert.ThrowsAsync<RpcException>(() =>
            system.Workers.HeartbeatAsync(new HeartbeatRequest { WorkerId = leaving }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
        var poller = await Assert.ThrowsAsync<RpcException>(() => system.PollAsync(leaving, queue, TimeSpan.Zero));
        Assert.Equal(StatusCode.NotFound, poller.StatusCode);
    }

    [Fact]
    public async Task A_draining_worker_is_told_so_by_its_heartbeat()
    {
        var workerId = await system.RegisterAsync(WorkflowServerSystem.NewQueue(), "drained");
        await using (var command = system.Database.CreateCommand($"UPDATE workflows.workers SET draining = true WHERE id = '{workerId}'"))
        {
            await command.ExecuteNonQueryAsync();
        }

        var heartbeat = await system.Workers.HeartbeatAsync(new HeartbeatRequest { WorkerId = workerId });

        Assert.True(heartbeat.ShouldDrain);
    }

    [Fact]
    public async Task A_draining_worker_is_handed_no_new_runs()
    {
        var queue = WorkflowServerSystem.NewQueue();
        var workerId = await system.RegisterAsync(queue, "drain");
        await using (var command = system.Database.CreateCommand($"UPDATE workflows.workers SET draining = true WHERE id = '{workerId}'"))
        {
            await command.ExecuteNonQueryAsync();
        }

        var started = await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = "drain", TaskQueue = queue });
        var poll = await system.PollAsync(workerId, queue, TimeSpan.FromMilliseconds(500));

        Assert.False(poll.HasTask);
        Assert.Equal(WorkflowState.Pending, (await system.GetAsync(started.RunId)).Run.State);
    }

    [Fact]
    public async Task Runs_released_together_reach_every_waiting_poller_that_takes_them()
    {
        var queue = WorkflowServerSystem.NewQueue();
        var leaving = await system.RegisterAsync(queue, "bulk");
        var staying = await system.RegisterAsync(queue, "bulk");
        var stranger = await system.RegisterAsync(queue, "other-type");
        var runs = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            runs.Add((await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = "bulk", TaskQueue = queue })).RunId);
            await system.PollAsync(leaving, queue, TimeSpan.FromSeconds(10));
        }

        var strangerPoll = system.PollAsync(stranger, queue, TimeSpan.FromSeconds(2));
        var polls = Enumerable.Range(0, 3).Select(_ => system.PollAsync(staying, queue, TimeSpan.FromSeconds(30))).ToList();
        await Eventually.WaitUntilAsync(
            () => system.Server.Output.Lines.Count(l => l.Contains("\"name\":\"workflow_run.claim\"", StringComparison.Ordinal) && l.Contains(queue, StringComparison.Ordinal)) >= 7,
            WorkflowServerSystem.Timeout, "every poll to be held");

        // One transaction releases the three runs and sends one NOTIFY: the first poller woken wakes the next.
        await system.Workers.DeregisterAsync(new DeregisterRequest { WorkerId = leaving });

        var answers = await Task.WhenAll(polls).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(runs.Order(), answers.Select(a => a.RunId).Order());
        Assert.False((await strangerPoll).HasTask);
    }
}
