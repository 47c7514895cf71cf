namespace TraceApp.Dashboard.Storage;

/// <summary>Filtering, paging and shaping of traces; runs on a snapshot, outside the store's lock.</summary>
internal static class TraceQueries
{
    /// <param name="oldestFirst">The traces in store order.</param>
    /// <param name="resources">The resources the query's resource filter names, or null when it has none.</param>
    /// <param name="attributes">The query's attribute filters, resolved.</param>
    public static TelemetryPage<TraceSummary> Find(
        ReadOnlySpan<TelemetryTrace> oldestFirst, TraceQuery query, TelemetryResource[]? resources, ResolvedAttributeFilter[] attributes)
    {
        var from = query.From is { } f ? UnixNanos.FromDateTimeOffset(f) : long.MinValue;
        var to = query.To is { } t ? UnixNanos.FromDateTimeOffset(t) : long.MaxValue;
        var items = new List<TraceSummary>(Math.Clamp(query.Take, 0, 1_000));
        var total = 0;
        for (var i = oldestFirst.Length - 1; i >= 0; i--)
        {
            var trace = oldestFirst[i];
            if (trace.StartTimeUnixNano < from)
            {
                break; // Sorted by start time: everything further is older.
            }

            if (trace.StartTimeUnixNano >= to || !Matches(trace, query, resources, attributes))
            {
                continue;
            }

            if (total >= query.Skip && items.Count < query.Take)
            {
                items.Add(Summarize(trace));
            }

            total++;
        }

        return new(items, total);
    }

    public static TraceSummary Summarize(TelemetryTrace trace)
    {
        var counts = new List<ResourceSpanCount>(2);
        foreach (var span in trace.Spans)
        {
            var index = counts.FindIndex(c => ReferenceEquals(c.Resource, span.Resource));
            if (index < 0)
            {
                counts.Add(new(span.Resource, 1));
            }
            else
            {
                counts[index] = counts[index] with { SpanCount = counts[index].SpanCount + 1 };
            }
        }

        return new TraceSummary(
            trace.TraceId, trace.StartTime, trace.Duration, trace.Root.Name, trace.Root.Resource,
            trace.HasRoot, trace.HasError, trace.Spans.Length, counts);
    }

    public static TraceDetail Detail(TelemetryTrace trace, IReadOnlyList<TelemetryLogRecord> logs)
    {
        var spans = trace.Spans;
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        var children = spans.Where(s => !s.ParentSpanId.IsEmpty && ids.Contains(s.ParentSpanId) && s.ParentSpanId != s.SpanId)
            .ToLookup(s => s.ParentSpanId);
        var nodes = new List<SpanNode>(spans.Length);
        var visited = new HashSet<SpanId>();
        var pending = new Stack<(TelemetrySpan Span, int Depth)>();

        // Roots first; then any span left over, which only a parent cycle in malformed input can cause.
        foreach (var start in spans.Where(s => s.ParentSpanId.IsEmpty || !ids.Contains(s.ParentSpanId)).Concat(spans))
        {
            pending.Push((start, 0));
            while (pending.TryPop(out var next))
            {
                if (!visited.Add(next.Span.SpanId))
                {
                    continue;
                }

                var childSpans = children[next.Span.SpanId];
                nodes.Add(new SpanNode(next.Span, next.Depth, childSpans.Count()));
                foreach (var child in childSpans.Reverse())
                {
                    pending.Push((child, next.Depth + 1));
                }
            }
        }

        var resources = spans.Select(s => s.Resource).Distinct().ToList();
        return new TraceDetail(trace, nodes, resources, logs);
    }

    public static TelemetryPage<TelemetrySpan> FindSpans(ReadOnlySpan<TelemetryTrace> oldestFirst, SpanQuery query, TelemetryResource[]? resources)
    {
        var from = query.From is { } f ? UnixNanos.FromDateTimeOffset(f) : long.MinValue;
        var to = query.To is { } t ? UnixNanos.FromDateTimeOffset(t) : long.MaxValue;
        var items = new List<TelemetrySpan>(Math.Clamp(query.Take, 0, 1_000));
        var total = 0;
        for (var i = oldestFirst.Length - 1; i >= 0; i--)
        {
            if (query.TraceId is { } traceId && oldestFirst[i].TraceId != traceId)
            {
                continue;
            }

            foreach (var span in oldestFirst[i].Spans)
            {
                if (span.StartTimeUnixNano < from || span.StartTimeUnixNano >= to
                    || resources is not null && !ResourceSet.Contains(resources, span.Resource)
                    || query.Name is { } name && !span.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (total >= query.Skip && items.Count < query.Take)
                {
                    items.Add(span);
                }

                total++;
            }
        }

        return new(items, total);
    }

    private static bool Matches(TelemetryTrace trace, TraceQuery query, TelemetryResource[]? resources, ResolvedAttributeFilter[] attributes)
    {
        if (query.ErrorsOnly && !trace.HasError
            || query.Duration is { } duration && !duration.IsMatch(trace.DurationNanoseconds)
            || resources is not null && !AnyResource(trace, resources))
        {
            return false;
        }

        if (query.Name is { } name)
        {
            var found = false;
            foreach (var span in trace.Spans)
            {
                if (span.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        foreach (var attribute in attributes)
        {
            if (!AnyResource(trace, attribute.ResourcesWithIt)
                && (!trace.Attributes.MightContain(attribute.Hash) || !AnySpanHas(trace, attribute.Filter)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyResource(TelemetryTrace trace, TelemetryResource[] resources)
    {
        foreach (var resource in trace.Resources)
        {
            if (ResourceSet.Contains(resources, resource))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnySpanHas(TelemetryTrace trace, AttributeFilter filter)
    {
        foreach (var span in trace.Spans)
        {
            if (filter.IsMatch(span.Attributes))
            {
                return true;
            }
        }

        return false;
    }
}
