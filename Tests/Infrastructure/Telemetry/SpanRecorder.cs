using System.Diagnostics;

namespace TraceApp.Tests.Infrastructure.Telemetry;

/// <summary>
/// Records every finished activity of the named sources in this process (all data requested), for tests that
/// run a library without a host's OpenTelemetry providers.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener _listener;

    public SpanRecorder(params string[] sourceNames)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => sourceNames.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Spans.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public RecordedSpans Spans { get; } = new();

    public void Dispose() => _listener.Dispose();
}
