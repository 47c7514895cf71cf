namespace TraceApp.Dashboard.Storage;

/// <summary>The Trace detail page: every span nested under its parent, the resources involved and the trace's log records.</summary>
public sealed record TraceDetail(
    TelemetryTrace Trace,
    IReadOnlyList<SpanNode> Spans,
    IReadOnlyList<TelemetryResource> Resources,
    IReadOnlyList<TelemetryLogRecord> Logs)
{
    /// <summary>Spans whose name, or an attribute key or value, contains <paramref name="text"/> (ignoring case), in tree order.</summary>
    public IReadOnlyList<SpanNode> FindSpans(string text) =>
    [
        .. Spans.Where(n => n.Span.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
            || TelemetryAttributes.ContainsText(n.Span.Attributes, text)),
    ];
}
