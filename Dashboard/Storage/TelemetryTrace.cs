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

    private TelemetryTrace(long sequence, ImmutableArray<TelemetrySpan> spans, AttributeBloom attributes)
    {
        Sequence = sequence;
        Attributes = attributes;
        Spans = spans;
        TraceId = spans[0].TraceId;
        Root = spans[0];
        StartTimeUnixNano = long.MaxValue;
        EndTimeUnixNano = long.MinValue;
        var resources = new TelemetryResource[Math.Min(spans.Length, 4)];
        var resourceCount = 0;
        foreach (var span in spans)
        {
            if (!ResourceSet.Contains(resources.AsSpan(0, resourceCount), span.Resource))
            {
                if (resourceCount == resources.Length)
                {
                    Array.Resize(ref resources, resourceCount * 2);
                }

                resources[resourceCount++] = span.Resource;
            }

            if (!HasRoot && span.ParentSpanId.IsEmpty)
            {
                Root = span;
                HasRoot = true;
            }

            StartTimeUnixNano = Math.Min(StartTimeUnixNano, span.StartTimeUnixNano);
            EndTimeUnixNano = Math.Max(EndTimeUnixNano, span.EndTimeUnixNano);
            HasError |= span.HasError;
        }

        Array.Resize(ref resources, resourceCount);
        Resources = ImmutableCollectionsMarshal.AsImmutableArray(resources);
    }

    public TraceId TraceId { get; }

    /// <summary>Every span received for this trace, earliest first.</summary>
    public ImmutableArray<TelemetrySpan> Spans { get; }

    /// <summary>The resources the spans came from, in order of their first span; a resource filter reads only this.</summary>
    public ImmutableArray<TelemetryResource> Resources { get; }

    /// <summary>The root span, or while it has not arrived (<see cref="HasRoot"/> false) the earliest span.</summary>
    public TelemetrySpan Root { get; }

    public bool HasRoot { get; }

    public bool HasError { get; }

    public long StartTimeUnixNano { get; }

    public long EndTimeUnixNano { get; }

    public DateTimeOffset StartTime => UnixNanos.ToDateTimeOffset(StartTimeUnixNano);

    public long DurationNanoseconds => Math.Max(0, EndTimeUnixNano - StartTimeUnixNano);

    public TimeSpan Duration => UnixNanos.ToTimeSpan(DurationNanoseconds);

    /// <summary>Which attribute key/value pairs the spans might carry; rules traces out of an attribute filter cheaply.</summary>
    internal AttributeBloom Attributes { get; }

    /// <summary>Arrival order of the trace's first span; breaks ties between traces that start at the same time.</summary>
    internal long Sequence { get; }

    /// <summary>A trace of the given spans (all of one trace id); null when none is kept.</summary>
    internal static TelemetryTrace? Create(long sequence, ReadOnlySpan<IncomingSpan> spans, int maxSpans, out int rejected)
    {
        var merged = Merge([], spans, maxSpans, out rejected);
        return merged is null ? null : new TelemetryTrace(sequence, merged.Value, Union(default, spans));
    }

    /// <summary>This trace with more of its spans; itself when they were all duplicates or over the limit.</summary>
    internal TelemetryTrace With(ReadOnlySpan<IncomingSpan> spans, int maxSpans, out int rejected)
    {
        var merged = Merge(Spans, spans, maxSpans, out rejected);
        return merged is null ? this : new TelemetryTrace(Sequence, merged.Value, Union(Attributes, spans));
    }

    // Bits of a span that turned out a duplicate or over the limit only make the filter a little less sharp.
    private static AttributeBloom Union(AttributeBloom bloom, ReadOnlySpan<IncomingSpan> spans)
    {
        foreach (var span in spans)
        {
            bloom = bloom.Union(span.Attributes);
        }

        return bloom;
    }

    /// <summary>
    /// The union sorted by start time, or null when nothing was added. A span id already present is skipped
    /// (exporters resend a batch they think timed out); spans beyond the limit are rejected.
    /// </summary>
    private static ImmutableArray<TelemetrySpan>? Merge(
        ImmutableArray<TelemetrySpan> existing, ReadOnlySpan<IncomingSpan> incoming, int maxSpans, out int rejected)
    {
        rejected = 0;
        var buffer = new TelemetrySpan[Math.Min(existing.Length + incoming.Length, Math.Max(maxSpans, existing.Length))];
        existing.CopyTo(buffer);
        var count = existing.Length;
        HashSet<ulong>? ids = buffer.Length > DuplicateScanLimit ? [.. existing.Select(s => s.SpanId.Value)] : null;
        foreach (var (span, _) in incoming)
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
