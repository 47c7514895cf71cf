namespace TraceApp.Tests.Infrastructure.Processes;

/// <summary>
/// The last lines a process wrote (bounded, oldest dropped first) and waits that complete when a matching line
/// arrives. Lines that fell out of the buffer still count for waits started before they arrived.
/// </summary>
public sealed class OutputLog(int capacity = 10_000)
{
    private readonly Lock _lock = new();
    private readonly Queue<string> _lines = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];
    private long _dropped;

    /// <summary>How many lines were dropped because the buffer was full.</summary>
    public long Dropped
    {
        get { lock (_lock) { return _dropped; } }
    }

    public IReadOnlyList<string> Lines
    {
        get { lock (_lock) { return [.. _lines]; } }
    }

    public void Append(string line)
    {
        List<TaskCompletionSource<string>> completed = [];
        lock (_lock)
        {
            _lines.Enqueue(line);
            if (_lines.Count > capacity)
            {
                _lines.Dequeue();
                _dropped++;
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    completed.Add(_waiters[i].Found);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var found in completed)
        {
            found.TrySetResult(line);
        }
    }

    /// <summary>The first line (already written or still to come) that matches, or a TimeoutException.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        (Func<string, bool>, TaskCompletionSource<string>) waiter = (match, found);
        lock (_lock)
        {
            var existing = _lines.FirstOrDefault(match);
            if (existing is not null)
            {
                return existing;
            }

            _waiters.Add(waiter);
        }

        try
        {
            return await found.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            lock (_lock)
            {
                _waiters.Remove(waiter);
            }

            var tail = string.Join(Environment.NewLine, Lines.TakeLast(30));
            throw new TimeoutException($"No matching output line within {timeout}. Last lines:{Environment.NewLine}{tail}");
        }
    }
}
