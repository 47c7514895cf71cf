namespace TraceApp.Dashboard.Storage;

/// <summary>Filtering and paging of log records; runs on a snapshot, outside the store's lock.</summary>
internal static class LogQueries
{
    /// <param name="oldestFirst">The records in store order.</param>
    /// <param name="resources">The resources the query's resource filter names, or null when it has none.</param>
    /// <param name="attributes">The query's attribute filters, resolved.</param>
    public static TelemetryPage<TelemetryLogRecord> Find(
        ReadOnlySpan<TelemetryLogRecord> oldestFirst, LogQuery query, TelemetryResource[]? resources, ResolvedAttributeFilter[] attributes)
    {
        var from = query.From is { } f ? UnixNanos.FromDateTimeOffset(f) : long.MinValue;
        var to = query.To is { } t ? UnixNanos.FromDateTimeOffset(t) : long.MaxValue;
        var items = new List<TelemetryLogRecord>(Math.Clamp(query.Take, 0, 1_000));
        var total = 0;
        for (var i = oldestFirst.Length - 1; i >= 0; i--)
        {
            var record = oldestFirst[i];
            if (record.TimeUnixNano < from)
            {
                break; // Sorted by time: everything further is older.
            }

            if (record.TimeUnixNano >= to || !Matches(record, query, resources, attributes))
            {
                continue;
            }

            if (total >= query.Skip && items.Count < query.Take)
            {
                items.Add(record);
            }

            total++;
        }

        return new(items, total);
    }

    /// <summary>The records written inside a trace, oldest first.</summary>
    public static IReadOnlyList<TelemetryLogRecord> ForTrace(ReadOnlySpan<TelemetryLogRecord> oldestFirst, TraceId traceId)
    {
        var records = new List<TelemetryLogRecord>();
        foreach (var record in oldestFirst)
        {
            if (record.TraceId == traceId)
            {
                records.Add(record);
            }
        }

        return records;
    }

    private static bool Matches(TelemetryLogRecord record, LogQuery query, TelemetryResource[]? resources, ResolvedAttributeFilter[] attributes)
    {
        if (query.TraceId is { } traceId && record.TraceId != traceId
            || query.SpanId is { } spanId && record.SpanId != spanId
            || query.MinSeverity is { } severity && record.Severity < severity
            || resources is not null && !ResourceSet.Contains(resources, record.Resource)
            || query.Text is { } text && !record.Message.Contains(text, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var attribute in attributes)
        {
            if (!attribute.IsMatch(record.Attributes, record.Resource))
            {
                return false;
            }
        }

        return true;
    }
}
