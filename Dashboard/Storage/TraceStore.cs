using System.Runtime.InteropServices;

namespace TraceApp.Dashboard.Storage;

/// <summary>
/// The traces, oldest first by start time, and an index by trace id. One lock guards both; it is held only to
/// merge already converted spans or to copy references out, never while filtering.
/// </summary>
internal sealed class TraceStore(TelemetryStoreOptions options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TraceId, TelemetryTrace> _traces = [];
    private readonly OrderedBuffer<TelemetryTrace> _ordered = new(TraceOrder.Instance);
    private long _nextSequence;
    private int _spanCount;
    private long _evictedTraces;
    private long _evictedSpans;

    /// <summary>Adds spans grouped by trace id (adjacent); returns how many were rejected because their trace was full.</summary>
    public int Add(List<IncomingSpan> spans)
    {
        var all = CollectionsMarshal.AsSpan(spans);
        var rejected = 0;
        lock (_lock)
        {
            for (var start = 0; start < all.Length;)
            {
                var end = start + 1;
                while (end < all.Length && all[end].Span.TraceId == all[start].Span.TraceId)
                {
                    end++;
                }

                rejected += AddToTrace(all[start..end]);
                start = end;
            }

            while (_ordered.Count > options.MaxTraces)
            {
                var evicted = _ordered.RemoveFirst();
                _traces.Remove(evicted.TraceId);
                _spanCount -= evicted.Spans.Length;
                _evictedSpans += evicted.Spans.Length;
                _evictedTraces++;
            }
        }

        return rejected;
    }

    public TelemetryTrace? Get(TraceId traceId)
    {
        lock (_lock)
        {
            return _traces.GetValueOrDefault(traceId);
        }
    }

    /// <summary>The newest traces, skipping <paramref name="skip"/>; what an unfiltered first page needs, without copying the rest.</summary>
    public TelemetryTrace[] Newest(int skip, int take, out int total)
    {
        lock (_lock)
        {
            total = _ordered.Count;
            skip = Math.Max(skip, 0);
            var count = Math.Clamp(total - skip, 0, Math.Max(take, 0));
            var page = new TelemetryTrace[count];
            for (var i = 0; i < count; i++)
            {
                page[i] = _ordered[total - 1 - skip - i];
            }

            return page;
        }
    }

    public PooledSnapshot<TelemetryTrace> Snapshot()
    {
        lock (_lock)
        {
            return PooledSnapshot<TelemetryTrace>.Copy(_ordered);
        }
    }

    public (int Traces, int Spans, long EvictedTraces, long EvictedSpans) Counts()
    {
        lock (_lock)
        {
            return (_ordered.Count, _spanCount, _evictedTraces, _evictedSpans);
        }
    }

    private int AddToTrace(ReadOnlySpan<IncomingSpan> spans)
    {
        int rejected;
        var traceId = spans[0].Span.TraceId;
        if (_traces.TryGetValue(traceId, out var existing))
        {
            var updated = existing.With(spans, options.MaxSpansPerTrace, out rejected);
            if (!ReferenceEquals(updated, existing))
            {
                _traces[traceId] = updated;
                _ordered.Replace(existing, updated);
                _spanCount += updated.Spans.Length - existing.Spans.Length;
            }
        }
        else if (TelemetryTrace.Create(_nextSequence++, spans, options.MaxSpansPerTrace, out rejected) is { } created)
        {
            _traces.Add(traceId, created);
            _ordered.Add(created);
            _spanCount += created.Spans.Length;
        }

        return rejected;
    }

    /// <summary>By start time, then by arrival: the order of the list, of paging and of eviction.</summary>
    private sealed class TraceOrder : IComparer<TelemetryTrace>
    {
        public static readonly TraceOrder Instance = new();

        public int Compare(TelemetryTrace? x, TelemetryTrace? y) =>
            x!.StartTimeUnixNano != y!.StartTimeUnixNano
                ? x.StartTimeUnixNano.CompareTo(y.StartTimeUnixNano)
                : x.Sequence.CompareTo(y.Sequence);
    }
}
