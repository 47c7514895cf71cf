using System.Collections;
using System.Diagnostics;

namespace TraceApp.Tests.Infrastructure.Telemetry;

/// <summary>
/// Finished spans of this process, safe to add to from any thread (an in-memory exporter's target or an
/// ActivityListener's), with waits that complete when the spans a test expects have arrived.
/// </summary>
public sealed class RecordedSpans : ICollection<Activity>
{
    private readonly Lock _lock = new();
    private readonly List<Activity> _spans = [];
    private readonly List<Waiter> _waiters = [];

    public int Count
    {
        get { lock (_lock) { return _spans.Count; } }
    }

    public bool IsReadOnly => false;

    public IReadOnlyList<Activity> Snapshot
    {
        get { lock (_lock) { return [.. _spans]; } }
    }

    /// <summary>All spans of one trace, in the order they ended.</summary>
    public IReadOnlyList<Activity> OfTrace(ActivityTraceId traceId) => [.. Snapshot.Where(s => s.TraceId == traceId)];

    public void Add(Activity item)
    {
        List<Waiter> satisfied = [];
        lock (_lock)
        {
            _spans.Add(item);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_spans.Count(_waiters[i].Match) >= _waiters[i].Count)
                {
                    satisfied.Add(_waiters[i]);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var waiter in satisfied)
        {
            waiter.Done.TrySetResult();
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> spans match, then returns every matching span.</summary>
    public async Task<IReadOnlyList<Activity>> WaitForAsync(Func<Activity, bool> match, TimeSpan timeout, int count = 1)
    {
        var waiter = new Waiter(match, count, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_lock)
        {
            if (_spans.Count(match) < count)
            {
                _waiters.Add(waiter);
            }
            else
            {
                waiter.Done.SetResult();
            }
        }

        try
        {
            await waiter.Done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            lock (_lock)
            {
                _waiters.Remove(waiter);
            }

            var seen = string.Join(", ", Snapshot.Select(s => $"{s.DisplayName} ({s.Kind}, {s.TraceId})"));
            throw new TimeoutException($"Expected {count} matching span(s) within {timeout}; recorded: {seen}");
        }

        return [.. Snapshot.Where(match)];
    }

    /// <summary>Waits for the spans of <paramref name="traceId"/> named <paramref name="names"/>, one each.</summary>
    public async Task<IReadOnlyList<Activity>> WaitForTraceAsync(ActivityTraceId traceId, TimeSpan timeout, params string[] names)
    {
        await WaitForAsync(s => s.TraceId == traceId && names.Contains(s.DisplayName), timeout, names.Length);
        return OfTrace(traceId);
    }

    public void Clear()
    {
        lock (_lock)
        {
            _spans.Clear();
        }
    }

    public bool Contains(Activity item)
    {
        lock (_lock)
        {
            return _spans.Contains(item);
        }
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_lock)
        {
            _spans.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(Activity item)
    {
        lock (_lock)
        {
            return _spans.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator() => Snapshot.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed record Waiter(Func<Activity, bool> Match, int Count, TaskCompletionSource Done);
}
