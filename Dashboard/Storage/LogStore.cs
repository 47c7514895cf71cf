namespace TraceApp.Dashboard.Storage;

/// <summary>The log records, oldest first by time; one lock, held only to insert or to copy references out.</summary>
internal sealed class LogStore(TelemetryStoreOptions options)
{
    private readonly Lock _lock = new();
    private readonly OrderedBuffer<TelemetryLogRecord> _ordered = new(LogOrder.Instance);
    private long _evicted;

    public void Add(List<TelemetryLogRecord> records)
    {
        lock (_lock)
        {
            foreach (var record in records)
            {
                _ordered.Add(record);
            }

            while (_ordered.Count > options.MaxLogRecords)
            {
                _ordered.RemoveFirst();
                _evicted++;
            }
        }
    }

    public PooledSnapshot<TelemetryLogRecord> Snapshot()
    {
        lock (_lock)
        {
            return PooledSnapshot<TelemetryLogRecord>.Copy(_ordered);
        }
    }

    public (int Records, long Evicted) Counts()
    {
        lock (_lock)
        {
            return (_ordered.Count, _evicted);
        }
    }

    /// <summary>By time, then by arrival.</summary>
    private sealed class LogOrder : IComparer<TelemetryLogRecord>
    {
        public static readonly LogOrder Instance = new();

        public int Compare(TelemetryLogRecord? x, TelemetryLogRecord? y) =>
            x!.TimeUnixNano != y!.TimeUnixNano ? x.TimeUnixNano.CompareTo(y.TimeUnixNano) : x.Sequence.CompareTo(y.Sequence);
    }
}
