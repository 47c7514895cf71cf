using System.Runtime.CompilerServices;

namespace TraceApp.Hosting.Orchestration;

/// <summary>
/// Every output line of every instance, kept across restarts (bounded per instance, oldest dropped), with waits
/// for new lines: what the dashboard's console log page shows and follows.
/// </summary>
public sealed class ResourceConsoleLogs(int capacityPerInstance = 10_000)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, InstanceLog> _logs = new(StringComparer.Ordinal);

    public void Append(string instanceName, string line)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            var log = Log(instanceName);
            log.Lines.Enqueue(line);
            log.Appended++;
            if (log.Lines.Count > capacityPerInstance)
            {
                log.Lines.Dequeue();
            }

            changed = log.Changed;
            log.Changed = NewSignal();
        }

        changed.TrySetResult();
    }

    /// <summary>The lines kept for <paramref name="instanceName"/>, oldest first.</summary>
    public IReadOnlyList<string> Get(string instanceName) => Snapshot(instanceName).Lines;

    /// <summary>The lines kept, and how many the instance has written in all (the position to watch from).</summary>
    public (IReadOnlyList<string> Lines, long Position) Snapshot(string instanceName)
    {
        lock (_lock)
        {
            return _logs.TryGetValue(instanceName, out var log) ? ([.. log.Lines], log.Appended) : ([], 0);
        }
    }

    /// <summary>
    /// Lines written after the first <paramref name="afterLine"/> lines ever written by the instance, then each new
    /// line as it arrives, until cancelled. Lines dropped from the buffer before they were read are skipped.
    /// </summary>
    public async IAsyncEnumerable<string> WatchAsync(string instanceName, long afterLine, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = afterLine;
        while (!cancellationToken.IsCancellationRequested)
        {
            string[] fresh;
            Task changed;
            lock (_lock)
            {
                var log = Log(instanceName);
                var firstKept = log.Appended - log.Lines.Count;
                var skip = (int)Math.Max(0, next - firstKept);
                fresh = [.. log.Lines.Skip(skip)];
                next = log.Appended;
                changed = log.Changed.Task;
            }

            foreach (var line in fresh)
            {
                yield return line;
            }

            try
            {
                await changed.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    private InstanceLog Log(string instanceName)
    {
        if (!_logs.TryGetValue(instanceName, out var log))
        {
            log = new InstanceLog();
            _logs[instanceName] = log;
        }

        return log;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class InstanceLog
    {
        public Queue<string> Lines { get; } = new();

        public long Appended { get; set; }

        public TaskCompletionSource Changed { get; set; } = NewSignal();
    }
}
