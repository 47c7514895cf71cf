using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace TraceApp.Dashboard.Storage;

/// <summary>
/// A trace as assembled so far: immutable, replaced by a new instance when more of its spans arrive, so a query
/// can read it without a lock. Until the root span arrives the earliest span stands in for it.
/// </summary>
public sealed class TelemetryTrace
{
    // Below this many spans a linear scan finds duplicates faster than building a set.
    private const int DuplicateScanLimit = 32;

    private static readonly Comparison<TelemetrySpan> ByStartTime = static (a, b) =>
        a.StartTimeUnixNano != b.StartTimeUnixNano
            ? a.StartTimeUnixNano.CompareTo(b.StartTimeUnixNano)
            : a.SpanId.Value.CompareTo(b.SpanId.Value);

    private TelemetryTrace(long sequence, ImmutableArray<TelemetrySpan> spans)
    {
        Sequence = sequence;
        Spans = spans;
        TraceId = spans[0].TraceId;
        Root = spans[0];
        StartTimeUnixNano = long.MaxValue;
        EndTimeUnixNano = long.MinValue;
        foreach (var span in spans)
        {
            if (!HasRoot && span.ParentSpanId.IsEmpty)
            {
                Root = span;
                HasRoot = true;
            }

            StartTimeUnixNano = Math.Min(StartTimeUnixNano, span.StartTimeUnixNano);
            EndTimeUnixNano = Math.Max(EndTimeUnixNano, span.EndTimeUnixNano);
            HasError |= span.HasError;
        }
    }

    public TraceId TraceId { get; }

    /// <summary>Every span received for this trace, earliest first.</summary>
    public ImmutableArray<TelemetrySpan> Spans { get; }

    /// <summary>The root span, or while it has not arrived (<see cref="HasRoot"/> false) the earliest span.</summary>
    public TelemetrySpan Root { get; }

    public bool HasRoot { get; }

    public bool HasError { get; }

    public long StartTimeUnixNano { get; }

    public long EndTimeUnixNano { get; }

    public DateTimeOffset StartTime => UnixNanos.ToDateTimeOffset(StartTimeUnixNano);

    public long DurationNanoseconds => Math.Max(0, EndTimeUnixNano - StartTimeUnixNano);

    public TimeSpan Duration => UnixNanos.ToTimeSpan(DurationNanoseconds);

    /// <summary>Arrival order of the trace's first span; breaks ties between traces that start at the same time.</summary>
    internal long Sequence { get; }

    /// <summary>A trace of the given spans (all of one trace id); null when none is kept.</summary>
    internal static TelemetryTrace? Create(long sequence, ReadOnlySpan<TelemetrySpan> spans, int maxSpans, out int rejected)
    {
        var merged = Merge([], spans, maxSpans, out rejected);
        return merged is null ? null : new TelemetryTrace(sequence, merged.Value);
    }

    /// <summary>This trace with more of its spans; itself when they were all duplicates or over the limit.</summary>
    internal TelemetryTrace With(ReadOnlySpan<TelemetrySpan> spans, int maxSpans, out int rejected)
    {
        var merged = Merge(Spans, spans, maxSpans, out rejected);
        return merged is null ? this : new TelemetryTrace(Sequence, merged.Value);
    }

    /// <summary>
    /// The union sorted by start time, or null when nothing was added. A span id already present is skipped
    /// (exporters resend a batch they think timed out); spans beyond the limit are rejected.
    /// </summary>
    private static ImmutableArray<TelemetrySpan>? Merge(
        ImmutableArray<TelemetrySpan> existing, ReadOnlySpan<TelemetrySpan> incoming, int maxSpans, out int rejected)
    {
        rejected = 0;
        var buffer = new TelemetrySpan[Math.Min(existing.Length + incoming.Length, Math.Max(maxSpans, existing.Length))];
        existing.CopyTo(buffer);
        var count = existing.Length;
        HashSet<ulong>? ids = buffer.Length > DuplicateScanLimit ? [.. existing.Select(s => s.SpanId.Value)] : null;
        foreach (var span in incoming)
        {
            var duplicate = ids is null ? Contains(buffer.AsSpan(0, count), span.SpanId) : !ids.Add(span.SpanId.Value);
            if (duplicate)
            {
                continue;
            }

            if (count == buffer.Length)
            {
                rejected++;
                continue;
            }

            buffer[count++] = span;
        }

        if (count == existing.Length)
        {
            return null;
        }

        if (count < buffer.Length)
        {
            Array.Resize(ref buffer, count);
        }

        Array.Sort(buffer, ByStartTime);
        return ImmutableCollectionsMarshal.AsImmutableArray(buffer);
    }

    private static bool Contains(ReadOnlySpan<TelemetrySpan> spans, SpanId id)
    {
        foreach (var span in spans)
        {
            if (span.SpanId == id)
            {
                return true;
            }
        }

        return false;
    }
}
