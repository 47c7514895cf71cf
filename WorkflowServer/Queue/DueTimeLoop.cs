using TraceApp.Storage;
using TraceApp.WorkflowServer.Store;

namespace TraceApp.WorkflowServer.Queue;

/// <summary>
/// Wakes pollers when the earliest future <c>available_at</c> of a PENDING (retry) or SLEEPING (timer) run
/// passes, so due runs are handed out at once rather than at a poll timeout. It asks the database how long until
/// then (its own clock, so no skew), sleeps that long, and looks again early when <see cref="Wake"/> says a new due
/// time was set (NOTIFY with a due time, from any server).
/// </summary>
public sealed partial class DueTimeLoop(
    WorkflowRunStore runs, TaskSignals signals, WorkflowMigrationService migration, TimeProvider time, ILogger<DueTimeLoop> logger) : BackgroundService
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(2);
    private const int MaxQueuesWoken = 1000;

    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>A due time may have been set: look again.</summary>
    public void Wake()
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await migration.Migrated.WaitAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                Task changed;
                lock (_lock)
                {
                    changed = _changed.Task;
                }

                TimeSpan? untilDue;
                try
                {
                    untilDue = await runs.UntilNextDueAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogLookupFailed(DatabaseErrorText.Describe(e));
                    untilDue = null;
                    await Task.Delay(AfterFailure, time, stoppingToken);
                    continue;
                }

                var sleep = untilDue is { } due && due < LongestSleep ? due : LongestSleep;
                var timer = Task.Delay(sleep + TimeSpan.FromMilliseconds(1), time, stoppingToken);
                if (await Task.WhenAny(changed, timer) == timer)
                {
                    await timer;
                    if (untilDue is not null && untilDue <= LongestSleep)
                    {
                        await WakeReadyQueuesAsync(stoppingToken);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One poller per queue and type with a ready run; each that claims one wakes the next (see TaskSignals).</summary>
    private async Task WakeReadyQueuesAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var (@namespace, taskQueue, workflowType) in await runs.ReadyQueuesAsync(MaxQueuesWoken, stoppingToken))
            {
                signals.Signal(@namespace, taskQueue, workflowType);
            }
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogLookupFailed(DatabaseErrorText.Describe(e));
            signals.SignalAll();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look up the next due run: {Reason}")]
    private partial void LogLookupFailed(string reason);
}
