using TraceApp.Dashboard.Otlp.Collector.Logs;

namespace TraceApp.Dashboard.Storage;

/// <summary>Converts an OTLP logs export into stored records, rejecting records whose trace or span id has the wrong length.</summary>
internal sealed class LogReader(AttributeReader attributes, ResourceRegistry resources)
{
    private long _sequence;

    public List<TelemetryLogRecord> Read(ExportLogsServiceRequest request, out int rejected)
    {
        rejected = 0;
        var records = new List<TelemetryLogRecord>();
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var resource = resources.GetOrAdd(resourceLogs.Resource, TelemetrySignals.Logs);
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                var scope = resources.GetScope(scopeLogs.Scope);
                foreach (var record in scopeLogs.LogRecords)
                {
                    if (!TraceId.TryReadOptional(record.TraceId.Span, out var traceId)
                        || !SpanId.TryReadOptional(record.SpanId.Span, out var spanId))
                    {
                        rejected++;
                        continue;
                    }

                    records.Add(new TelemetryLogRecord
                    {
                        TimeUnixNano = UnixNanos.FromOtlp(record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano),
                        SeverityNumber = (int)record.SeverityNumber,
                        SeverityText = attributes.OptionalText(record.SeverityText),
                        Message = attributes.Text(AnyValueText.Format(record.Body, attributes.MaxLength)),
                        EventName = attributes.OptionalText(record.EventName),
                        Attributes = attributes.Read(record.Attributes, out var dropped),
                        DroppedAttributesCount = (int)Math.Min(int.MaxValue, record.DroppedAttributesCount + (uint)dropped),
                        TraceId = traceId,
                        SpanId = spanId,
                        Resource = resource,
                        Scope = scope,
                        Sequence = Interlocked.Increment(ref _sequence),
                    });
                }
            }
        }

        return records;
    }
}
