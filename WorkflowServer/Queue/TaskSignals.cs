namespace TraceApp.WorkflowServer.Queue;

/// <summary>
/// Wakes the PollTask calls waiting on a (namespace, task_queue). A poller takes <see cref="Next"/> BEFORE it tries
/// to claim, so a run made available between its empty claim and its wait still wakes it.
/// </summary>
public sealed class TaskSignals
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Namespace, string TaskQueue), TaskCompletionSource> _signals = [];

    /// <summary>Completes at the next <see cref="Signal"/> of the queue (or <see cref="SignalAll"/>).</summary>
    public Task Next(string @namespace, string taskQueue)
    {
        lock (_lock)
        {
            if (!_signals.TryGetValue((@namespace, taskQueue), out var signal))
            {
                signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _signals[(@namespace, taskQueue)] = signal;
            }

            return signal.Task;
        }
    }

    public void Signal(string @namespace, string taskQueue)
    {
        TaskCompletionSource? signal;
        lock (_lock)
        {
            if (_signals.Remove((@namespace, taskQueue), out signal) is false)
            {
                return;
            }
        }

        signal.TrySetResult();
    }

    /// <summary>Wakes every waiter (a due time passed, or notifications may have been missed while reconnecting).</summary>
    public void SignalAll()
    {
        List<TaskCompletionSource> signals;
        lock (_lock)
        {
            signals = [.. _signals.Values];
            _signals.Clear();
        }

        foreach (var signal in signals)
        {
            signal.TrySetResult();
        }
    }
}
