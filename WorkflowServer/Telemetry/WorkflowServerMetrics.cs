using System.Diagnostics.Metrics;

namespace TraceApp.WorkflowServer.Telemetry;

/// <summary>
/// The server's instruments. Runs by state and queue depth are observable gauges over a count
/// <see cref="RunCountsRefresher"/> refreshes every few seconds, so a scrape never queries the database.
/// </summary>
public sealed class WorkflowServerMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Histogram<double> _pollWait;
    private readonly Histogram<double> _stepDuration;
    private volatile RunCounts _counts = RunCounts.None;

    public WorkflowServerMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(WorkflowServerTelemetry.Name);
        _meter.CreateObservableGauge("workflows.runs", ObserveRuns, "{run}", "Workflow runs by state.");
        _meter.CreateObservableGauge("workflows.queue.depth", () => _counts.Ready, "{run}", "Runs ready to be handed out (pending or due).");
        _pollWait = _meter.CreateHistogram<double>("workflows.poll.wait", "s", "How long a PollTask was held before it answered.");
        _stepDuration = _meter.CreateHistogram<double>("workflows.step.duration", "s", "From BeginStep to CompleteStep or FailStep.");
    }

    public void Update(RunCounts counts) => _counts = counts;

    public void RecordPollWait(TimeSpan wait, bool hadTask) =>
        _pollWait.Record(wait.TotalSeconds, new KeyValuePair<string, object?>("has_task", hadTask));

    public void RecordStepDuration(double seconds, string workflowType, string outcome) =>
        _stepDuration.Record(seconds,
            new KeyValuePair<string, object?>(WorkflowServerTelemetry.Tags.WorkflowType, workflowType),
            new KeyValuePair<string, object?>("outcome", outcome));

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveRuns() =>
        _counts.ByState.Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>("state", c.Key)));
}

/// <summary>A snapshot of how many runs are in each state, and how many are ready to hand out.</summary>
public sealed record RunCounts(IReadOnlyDictionary<string, long> ByState, long Ready)
{
    public static readonly RunCounts None = new(new Dictionary<string, long>(), 0);
}
