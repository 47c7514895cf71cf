using Google.Protobuf.WellKnownTypes;
using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Server;

/// <summary>Durable timers: the run sleeps in the database, so a timer set before a server restart still fires after it.</summary>
public sealed class WorkflowSleepTests(WorkflowServerSystem system) : IClassFixture<WorkflowServerSystem>
{
    [Fact]
    public async Task A_durable_sleep_survives_a_WorkflowServer_restart_and_the_run_resumes_when_due()
    {
        var queue = WorkflowServerSystem.NewQueue();
        var workerId = await system.RegisterAsync(queue, "sleepy");
        var started = await system.Workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = "sleepy", TaskQueue = queue });
        var task = await system.PollAsync(workerId, queue, TimeSpan.FromSeconds(10));
        var sleep = new SleepRequest { WorkerId = workerId, RunId = task.RunId, TimerName = "nap", Duration = Duration.FromTimeSpan(TimeSpan.FromSeconds(4)) };

        var first = await system.Workers.SleepAsync(sleep);

        Assert.False(first.AlreadyElapsed);
        var wakeAt = first.WakeAt.ToDateTimeOffset();
        var sleeping = await system.GetAsync(started.RunId);
        Assert.Equal(WorkflowState.Sleeping, sleeping.Run.State);
        Assert.Equal(wakeAt, sleeping.Run.WakeAt.ToDateTimeOffset());

        Assert.Equal(0, await system.RestartAsync());
        // The old registration lives in the database; a worker polls the new server.
        var polledAt = DateTimeOffset.UtcNow;
        var resumed = await system.PollAsync(workerId, queue, TimeSpan.FromSeconds(30));
        var answeredAt = DateTimeOffset.UtcNow;
        var dueForThisPoll = wakeAt > polledAt ? wakeAt : polledAt;

        Assert.True(resumed.HasTask);
        Assert.Equal(started.RunId, resumed.RunId);
        Assert.True(answeredAt >= wakeAt - TimeSpan.FromMilliseconds(50), $"handed out at {answeredAt:O}, before the timer's {wakeAt:O}");
        Assert.True(answeredAt - dueForThisPoll < TimeSpan.FromSeconds(2), $"handed out {answeredAt - dueForThisPoll} after the timer was due");
        var replay = await system.Workers.SleepAsync(sleep);
        Assert.True(replay.AlreadyElapsed);
        Assert.Equal(wakeAt, replay.WakeAt.ToDateTimeOffset());
        Assert.Equal(WorkflowState.Running, (await system.GetAsync(started.RunId)).Run.State);
        await system.Workers.CompleteWorkflowAsync(new CompleteWorkflowRequest { WorkerId = workerId, RunId = task.RunId });
        var done = await system.GetAsync(started.RunId);
        Assert.Equal(WorkflowState.Completed, done.Run.State);
        var timer = Assert.Single(done.Steps);
        Assert.Equal(("nap", "timer", StepState.Completed, wakeAt), (timer.Name, timer.Kind, timer.State, timer.WakeAt.ToDateTimeOffset()));
    }

    [Fact]
    public async Task A_held_poll_answers_without_a_task_when_the_server_stops_and_the_server_stops_promptly()
    {
        var queue = WorkflowServerSystem.NewQueue();
        var workerId = await system.RegisterAsync(queue, "stopping");
        var poll = system.PollAsync(workerId, queue, TimeSpan.FromSeconds(60));
        await system.Server.Output.WaitForLineAsync(
            l => l.Contains("\"name\":\"workflow_run.claim\"", StringComparison.Ordinal) && l.Contains(queue, StringComparison.Ordinal), WorkflowServerSystem.Timeout);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        Assert.Equal(0, await system.RestartAsync());

        var answer = await poll.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(answer.HasTask);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"stopping and starting the server took {stopwatch.Elapsed} with a poll held");
    }
}
