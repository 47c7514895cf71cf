namespace TraceApp.WorkflowServer.Queue;

/// <summary>
/// The PollTask calls waiting on a (namespace, task_queue), oldest first. A run made available wakes ONE waiter
/// whose workflow types accept it (not the whole queue: with many pollers that would be a claim query each for one
/// run); a poller that claims a run wakes the next one of that type, in case more are ready (one NOTIFY may stand
/// for several runs), and one that gives up after being woken passes the wake-up on. A poller registers BEFORE it
/// tries to claim, so a run made available between its empty claim and its wait still wakes it.
/// </summary>
public sealed class TaskSignals
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Namespace, string TaskQueue), LinkedList<Waiter>> _waiters = [];

    public Waiter Register(string @namespace, string taskQueue, IReadOnlyList<string> workflowTypes)
    {
        var waiter = new Waiter((@namespace, taskQueue), workflowTypes);
        lock (_lock)
        {
            if (!_waiters.TryGetValue(waiter.Key, out var list))
            {
                list = new LinkedList<Waiter>();
                _waiters[waiter.Key] = list;
            }

            waiter.Node = list.AddLast(waiter);
        }

        return waiter;
    }

    /// <summary>Removes a waiter that was not woken; false when it was (its wake-up is the caller's to use or pass on).</summary>
    public bool Unregister(Waiter waiter)
    {
        lock (_lock)
        {
            if (waiter.Node is not { } node)
            {
                return false;
            }

            Remove(node);
            return true;
        }
    }

    /// <summary>Wakes the oldest waiter of the queue that accepts <paramref name="workflowType"/> (null: any waiter).</summary>
    public void Signal(string @namespace, string taskQueue, string? workflowType)
    {
        Waiter? woken = null;
        lock (_lock)
        {
            if (_waiters.TryGetValue((@namespace, taskQueue), out var list))
            {
                for (var node = list.First; node is not null; node = node.Next)
                {
                    if (workflowType is null || node.Value.Accepts(workflowType))
                    {
                        woken = node.Value;
                        Remove(node);
                        break;
                    }
                }
            }
        }

        woken?.Wake(workflowType);
    }

    /// <summary>Wakes every waiter (notifications may have been missed while the LISTEN connection was down).</summary>
    public void SignalAll()
    {
        List<Waiter> woken;
        lock (_lock)
        {
            woken = [.. _waiters.Values.SelectMany(list => list)];
            foreach (var waiter in woken)
            {
                waiter.Node = null;
            }

            _waiters.Clear();
        }

        foreach (var waiter in woken)
        {
            waiter.Wake(null);
        }
    }

    private void Remove(LinkedListNode<Waiter> node)
    {
        var list = node.List!;
        list.Remove(node);
        node.Value.Node = null;
        if (list.Count == 0)
        {
            _waiters.Remove(node.Value.Key);
        }
    }

    /// <summary>One waiting poll: woken at most once.</summary>
    public sealed class Waiter
    {
        private readonly TaskCompletionSource _woken = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal Waiter((string, string) key, IReadOnlyList<string> workflowTypes)
        {
            Key = key;
            WorkflowTypes = workflowTypes;
        }

        public Task Woken => _woken.Task;

        /// <summary>The workflow type it was woken for (null: any).</summary>
        public string? WokenFor { get; private set; }

        internal (string Namespace, string TaskQueue) Key { get; }

        internal IReadOnlyList<string> WorkflowTypes { get; }

        internal LinkedListNode<Waiter>? Node { get; set; }

        internal bool Accepts(string workflowType) => WorkflowTypes.Count == 0 || WorkflowTypes.Contains(workflowType, StringComparer.Ordinal);

        internal void Wake(string? workflowType)
        {
            WokenFor = workflowType;
            _woken.TrySetResult();
        }
    }
}
