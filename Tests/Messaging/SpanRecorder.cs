using System.Collections.Concurrent;
using System.Diagnostics;

namespace TraceApp.Tests.Messaging;

/// <summary>Collects finished activities of one source in this process, to assert on names, kinds and parents.</summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _finished = new();

    public SpanRecorder(string sourceName)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == sourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _finished.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Finished => [.. _finished];

    public void Dispose() => _listener.Dispose();
}
