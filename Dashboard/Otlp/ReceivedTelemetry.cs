using TraceApp.Dashboard.Otlp.Collector.Logs;
using TraceApp.Dashboard.Otlp.Collector.Metrics;
using TraceApp.Dashboard.Otlp.Collector.Trace;
using TraceApp.Dashboard.Otlp.Logs;

namespace TraceApp.Dashboard.Otlp;

/// <summary>
/// Everything an OTLP receiver has been sent, with the request headers of each OTLP/HTTP export, and waits that
/// complete when matching telemetry arrives. Unbounded, so meant for tests. Safe for concurrent exports and readers.
/// </summary>
public sealed class ReceivedTelemetry : IOtlpSink
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    private readonly Lock _lock = new();
    private readonly List<ReceivedSpan> _spans = [];
    private readonly List<ExportLogsServiceRequest> _logs = [];
    private readonly List<ExportMetricsServiceRequest> _metrics = [];
    private readonly List<IReadOnlyDictionary<string, string>> _headers = [];
    private TaskCompletionSource _changed = NewSignal();

    public IReadOnlyList<ReceivedSpan> Spans => Snapshot(_spans);

    public IReadOnlyList<ExportLogsServiceRequest> Logs => Snapshot(_logs);

    public IReadOnlyList<ExportMetricsServiceRequest> Metrics => Snapshot(_metrics);

    /// <summary>Every log record received, flattened out of its resource and scope.</summary>
    public IReadOnlyList<LogRecord> LogRecords =>
        [.. Logs.SelectMany(r => r.ResourceLogs).SelectMany(r => r.ScopeLogs).SelectMany(s => s.LogRecords)];

    /// <summary>The headers of every export received, in arrival order (empty for exports that came without them, such as gRPC).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> RequestHeaders => Snapshot(_headers);

    public void Add(ExportTraceServiceRequest request, IReadOnlyDictionary<string, string> headers)
    {
        var spans = request.ResourceSpans.SelectMany(rs => rs.ScopeSpans.SelectMany(ss =>
            ss.Spans.Select(span => new ReceivedSpan(rs.Resource ?? new(), ss.Scope ?? new(), span))));
        Append(() => _spans.AddRange(spans), headers);
    }

    public void Add(ExportLogsServiceRequest request, IReadOnlyDictionary<string, string> headers) =>
        Append(() => _logs.Add(request), headers);

    public void Add(ExportMetricsServiceRequest request, IReadOnlyDictionary<string, string> headers) =>
        Append(() => _metrics.Add(request), headers);

    public OtlpIngestResult AddTraces(ExportTraceServiceRequest request)
    {
        Add(request, NoHeaders);
        return OtlpIngestResult.Accepted;
    }

    public OtlpIngestResult AddLogs(ExportLogsServiceRequest request)
    {
        Add(request, NoHeaders);
        return OtlpIngestResult.Accepted;
    }

    public OtlpIngestResult AddMetrics(ExportMetricsServiceRequest request)
    {
        Add(request, NoHeaders);
        return OtlpIngestResult.Accepted;
    }

    /// <summary>A sink that records into this one with the given request headers attached to each export.</summary>
    public IOtlpSink WithHeaders(IReadOnlyDictionary<string, string> headers) => new HeaderRecordingSink(this, headers);

    /// <summary>Waits until at least <paramref name="count"/> received spans match, or throws a TimeoutException.</summary>
    public async Task<IReadOnlyList<ReceivedSpan>> WaitForSpansAsync(
        Func<ReceivedSpan, bool> predicate, TimeSpan timeout, int count = 1)
    {
        List<ReceivedSpan> matches = [];
        await WaitUntilAsync(
            received => (matches = [.. received.Spans.Where(predicate)]).Count >= count,
            timeout,
            $"{count} matching span(s)");
        return matches;
    }

    /// <summary>Waits until <paramref name="predicate"/> holds for what has been received, or throws a TimeoutException.</summary>
    public async Task WaitUntilAsync(Func<ReceivedTelemetry, bool> predicate, TimeSpan timeout, string description)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
            }

            if (predicate(this))
            {
                return;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"Timed out after {timeout} waiting for {description}; received {Spans.Count} span(s): " +
                    string.Join(", ", Spans.Select(s => $"{s.ServiceName}/{s.Name}").Distinct().Take(20)));
            }
        }
    }

    private void Append(Action add, IReadOnlyDictionary<string, string> headers)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            add();
            _headers.Add(headers);
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    private List<T> Snapshot<T>(List<T> items)
    {
        lock (_lock)
        {
            return [.. items];
        }
    }

    private sealed class HeaderRecordingSink(ReceivedTelemetry telemetry, IReadOnlyDictionary<string, string> headers) : IOtlpSink
    {
        public OtlpIngestResult AddTraces(ExportTraceServiceRequest request)
        {
            telemetry.Add(request, headers);
            return OtlpIngestResult.Accepted;
        }

        public OtlpIngestResult AddLogs(ExportLogsServiceRequest request)
        {
            telemetry.Add(request, headers);
            return OtlpIngestResult.Accepted;
        }

        public OtlpIngestResult AddMetrics(ExportMetricsServiceRequest request)
        {
            telemetry.Add(request, headers);
            return OtlpIngestResult.Accepted;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
