using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace TraceApp.Hosting.Orchestration;

/// <summary>
/// The latest snapshot of every resource instance, and a stream of every change: what the console table, the
/// dashboard and tests watch.
/// </summary>
public sealed class ResourceNotificationService
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ResourceSnapshot> _latest = new(StringComparer.Ordinal);
    private readonly List<Channel<ResourceSnapshot>> _watchers = [];

    public IReadOnlyList<ResourceSnapshot> Current
    {
        get { lock (_lock) { return [.. _latest.Values]; } }
    }

    public void Publish(ResourceSnapshot snapshot)
    {
        lock (_lock)
        {
            _latest[snapshot.InstanceName] = snapshot;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(snapshot);
            }
        }
    }

    /// <summary>Applies <paramref name="change"/> to the latest snapshot; publishes only if something changed.</summary>
    public ResourceSnapshot Update(string instanceName, Func<ResourceSnapshot, ResourceSnapshot> change)
    {
        lock (_lock)
        {
            var current = _latest[instanceName];
            var next = change(current);
            if (next != current)
            {
                Publish(next);
            }

            return next;
        }
    }

    /// <summary>The current snapshots, then every change, until cancelled.</summary>
    public async IAsyncEnumerable<ResourceSnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<ResourceSnapshot>(new UnboundedChannelOptions { SingleReader = true });
        lock (_lock)
        {
            foreach (var snapshot in _latest.Values)
            {
                channel.Writer.TryWrite(snapshot);
            }

            _watchers.Add(channel);
        }

        try
        {
            await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return snapshot;
            }
        }
        finally
        {
            lock (_lock)
            {
                _watchers.Remove(channel);
            }
        }
    }

    /// <summary>Waits until every instance of <paramref name="resourceName"/> satisfies <paramref name="predicate"/>.</summary>
    public async Task<IReadOnlyList<ResourceSnapshot>> WaitForAsync(
        string resourceName, Func<ResourceSnapshot, bool> predicate, CancellationToken cancellationToken)
    {
        await foreach (var _ in WatchAsync(cancellationToken))
        {
            var instances = Current.Where(s => s.ResourceName == resourceName).ToList();
            if (instances.Count > 0 && instances.All(predicate))
            {
                return instances;
            }
        }

        throw new OperationCanceledException(cancellationToken);
    }
}
