using System.Runtime.CompilerServices;
using TraceApp.Dashboard.Otlp.Collector.Logs;
using TraceApp.Dashboard.Otlp.Collector.Metrics;
using TraceApp.Dashboard.Otlp.Collector.Trace;

namespace TraceApp.Dashboard.Storage;

/// <summary>
/// The Dashboard's telemetry, in memory and bounded per signal: traces assembled from spans in whatever order
/// they arrive, log records, and metrics as bounded time series per instrument. When full, the oldest traces and
/// log records are evicted first and counted. Safe for concurrent exports and queries: each signal has its own
/// lock, held only to merge converted items or to copy references out; queries return immutable items.
/// </summary>
public sealed class TelemetryStore
{
    private readonly ResourceRegistry _resources;
    private readonly SpanReader _spanReader;
    private readonly LogReader _logReader;
    private readonly TraceStore _traces;
    private readonly LogStore _logs;
    private readonly MetricStore _metrics;
    private long _version;
    private long _rejectedSpans;
    private long _rejectedLogRecords;
    private long _rejectedDataPoints;
    private TaskCompletionSource _changed = NewSignal();

    public TelemetryStore(TelemetryStoreOptions? options = null)
    {
        Options = options ?? new TelemetryStoreOptions();
        Options.Validate();
        var attributes = new AttributeReader(Options, new StringPool());
        _resources = new ResourceRegistry(attributes);
        _spanReader = new SpanReader(Options, attributes, _resources);
        _logReader = new LogReader(attributes, _resources);
        _traces = new TraceStore(Options);
        _logs = new LogStore(Options);
        _metrics = new MetricStore(Options, attributes, _resources);
    }

    public TelemetryStoreOptions Options { get; }

    /// <summary>Goes up whenever telemetry is stored; a page re-queries when it differs from the one it rendered.</summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>Stores the spans of an export; returns how many were rejected (invalid ids, or their trace is full).</summary>
    public int AddTraces(ExportTraceServiceRequest request)
    {
        var spans = _spanReader.Read(request, out var rejected);
        if (spans.Count > 0)
        {
            // Adjacent spans of one trace are merged into it in one step.
            spans.Sort(static (a, b) => a.Span.TraceId.High != b.Span.TraceId.High
                ? a.Span.TraceId.High.CompareTo(b.Span.TraceId.High)
                : a.Span.TraceId.Low.CompareTo(b.Span.TraceId.Low));
            rejected += _traces.Add(spans);
            NotifyChanged();
        }

        return Rejected(ref _rejectedSpans, rejected);
    }

    /// <summary>Stores the log records of an export; returns how many were rejected (a trace or span id of the wrong length).</summary>
    public int AddLogs(ExportLogsServiceRequest request)
    {
        var records = _logReader.Read(request, out var rejected);
        if (records.Count > 0)
        {
            _logs.Add(records);
            NotifyChanged();
        }

        return Rejected(ref _rejectedLogRecords, rejected);
    }

    /// <summary>Stores the data points of an export; returns how many were rejected (invalid, or beyond the series limit).</summary>
    public int AddMetrics(ExportMetricsServiceRequest request)
    {
        var rejected = _metrics.Add(request);
        if (request.ResourceMetrics.Count > 0)
        {
            NotifyChanged();
        }

        return Rejected(ref _rejectedDataPoints, rejected);
    }

    public TelemetryStoreStats GetStats()
    {
        var traces = _traces.Counts();
        var logs = _logs.Counts();
        return new TelemetryStoreStats(
            Version, traces.Traces, traces.Spans, traces.EvictedTraces, traces.EvictedSpans, logs.Records, logs.Evicted,
            _metrics.InstrumentCount(), Interlocked.Read(ref _rejectedSpans), Interlocked.Read(ref _rejectedLogRecords),
            Interlocked.Read(ref _rejectedDataPoints));
    }

    public IReadOnlyList<ResourceSummary> GetResources() => _resources.Summaries();

    public TelemetryPage<TraceSummary> GetTraces(TraceQuery query)
    {
        if (query.IsUnfiltered)
        {
            var page = _traces.Newest(query.Skip, query.Take, out var total);
            return new([.. page.Select(TraceQueries.Summarize)], total);
        }

        var resources = Resources(query.Resource);
        if (resources is [])
        {
            return new([], 0);
        }

        var attributes = _resources.Resolve(query.Attributes);
        using var snapshot = _traces.Snapshot();
        return TraceQueries.Find(snapshot.Items, query, resources, attributes);
    }

    /// <summary>A trace with its spans nested, its resources and its log records; null when it is not (or no longer) stored.</summary>
    public TraceDetail? GetTrace(TraceId traceId)
    {
        if (_traces.Get(traceId) is not { } trace)
        {
            return null;
        }

        using var logs = _logs.Snapshot();
        return TraceQueries.Detail(trace, LogQueries.ForTrace(logs.Items, traceId));
    }

    public TelemetryPage<TelemetrySpan> GetSpans(SpanQuery query)
    {
        var resources = Resources(query.Resource);
        if (resources is [])
        {
            return new([], 0);
        }

        if (query.TraceId is { } traceId)
        {
            return _traces.Get(traceId) is { } trace ? TraceQueries.FindSpans([trace], query, resources) : new([], 0);
        }

        using var snapshot = _traces.Snapshot();
        return TraceQueries.FindSpans(snapshot.Items, query, resources);
    }

    public TelemetryPage<TelemetryLogRecord> GetLogs(LogQuery query)
    {
        var resources = Resources(query.Resource);
        if (resources is [])
        {
            return new([], 0);
        }

        var attributes = _resources.Resolve(query.Attributes);
        using var snapshot = _logs.Snapshot();
        return LogQueries.Find(snapshot.Items, query, resources, attributes);
    }

    /// <summary>The instruments of the resources a service name or resource id names, or of every resource.</summary>
    public IReadOnlyList<InstrumentSummary> GetInstruments(string? resource = null) => _metrics.Instruments(Resources(resource));

    /// <summary>An instrument's time series, with the points since <paramref name="from"/> (all when null).</summary>
    public InstrumentData? GetInstrument(TelemetryResource resource, string scopeName, string name, DateTimeOffset? from = null) =>
        _metrics.Instrument(resource, scopeName, name, from is { } f ? UnixNanos.FromDateTimeOffset(f) : long.MinValue);

    /// <summary>Completes when <see cref="Version"/> is past <paramref name="knownVersion"/>, with the new version.</summary>
    public async Task<long> WaitForChangeAsync(long knownVersion, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            var version = Version;
            if (version > knownVersion)
            {
                return version;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The version after each change; changes that happen while the consumer is busy are coalesced into one.</summary>
    public async IAsyncEnumerable<long> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var version = Version;
        while (true)
        {
            version = await WaitForChangeAsync(version, cancellationToken).ConfigureAwait(false);
            yield return version;
        }
    }

    /// <summary>Null when there is no resource filter; otherwise the resources it names, possibly none.</summary>
    private TelemetryResource[]? Resources(string? nameOrId) =>
        string.IsNullOrEmpty(nameOrId) ? null : _resources.Find(nameOrId);

    private static int Rejected(ref long total, int rejected)
    {
        if (rejected > 0)
        {
            Interlocked.Add(ref total, rejected);
        }

        return rejected;
    }

    private void NotifyChanged()
    {
        Interlocked.Increment(ref _version);
        Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
