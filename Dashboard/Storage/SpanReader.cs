using System.Collections.Immutable;
using TraceApp.Dashboard.Otlp.Collector.Trace;
using TraceApp.Dashboard.Otlp.Trace;

namespace TraceApp.Dashboard.Storage;

/// <summary>Converts an OTLP trace export into stored spans, rejecting spans whose ids OTLP would call invalid.</summary>
internal sealed class SpanReader(TelemetryStoreOptions options, AttributeReader attributes, ResourceRegistry resources)
{
    public List<IncomingSpan> Read(ExportTraceServiceRequest request, out int rejected)
    {
        rejected = 0;
        var spans = new List<IncomingSpan>();
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var resource = resources.GetOrAdd(resourceSpans.Resource, TelemetrySignals.Traces);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                var scope = resources.GetScope(scopeSpans.Scope);
                foreach (var span in scopeSpans.Spans)
                {
                    if (!TraceId.TryRead(span.TraceId.Span, out var traceId)
                        || !SpanId.TryRead(span.SpanId.Span, out var spanId)
                        || !SpanId.TryReadOptional(span.ParentSpanId.Span, out var parentSpanId))
                    {
                        rejected++;
                        continue;
                    }

                    AttributeBloom bloom = default;
                    var stored = new TelemetrySpan
                    {
                        TraceId = traceId,
                        SpanId = spanId,
                        ParentSpanId = parentSpanId,
                        Name = attributes.Text(span.Name),
                        Kind = span.Kind is >= Span.Types.SpanKind.Unspecified and <= Span.Types.SpanKind.Consumer
                            ? (TelemetrySpanKind)span.Kind
                            : TelemetrySpanKind.Unspecified,
                        Status = span.Status?.Code is { } code and >= Status.Types.StatusCode.Unset and <= Status.Types.StatusCode.Error
                            ? (SpanStatusCode)code
                            : SpanStatusCode.Unset,
                        StatusMessage = span.Status is { Message.Length: > 0 } status ? attributes.Text(status.Message) : null,
                        StartTimeUnixNano = UnixNanos.FromOtlp(span.StartTimeUnixNano),
                        EndTimeUnixNano = UnixNanos.FromOtlp(span.EndTimeUnixNano),
                        Resource = resource,
                        Scope = scope,
                        Attributes = attributes.Read(span.Attributes, out var dropped, ref bloom),
                        DroppedAttributesCount = (int)Math.Min(int.MaxValue, span.DroppedAttributesCount + (uint)dropped),
                        Events = span.Events.Count == 0 ? [] : ReadEvents(span),
                        Links = span.Links.Count == 0 ? [] : ReadLinks(span),
                    };
                    spans.Add(new IncomingSpan(stored, bloom));
                }
            }
        }

        return spans;
    }

    private ImmutableArray<SpanEvent> ReadEvents(Span span) =>
    [
        .. span.Events.Take(options.MaxEventsPerSpan).Select(e =>
            new SpanEvent(attributes.Text(e.Name), UnixNanos.FromOtlp(e.TimeUnixNano), attributes.Read(e.Attributes))),
    ];

    /// <summary>Links with an invalid id are left out rather than rejecting the span that carries them.</summary>
    private ImmutableArray<SpanLink> ReadLinks(Span span)
    {
        var links = ImmutableArray.CreateBuilder<SpanLink>(Math.Min(span.Links.Count, options.MaxLinksPerSpan));
        foreach (var link in span.Links)
        {
            if (links.Count == options.MaxLinksPerSpan)
            {
                break;
            }

            if (TraceId.TryRead(link.TraceId.Span, out var traceId) && SpanId.TryRead(link.SpanId.Span, out var spanId))
            {
                links.Add(new SpanLink(traceId, spanId, attributes.Read(link.Attributes)));
            }
        }

        return links.DrainToImmutable();
    }
}
