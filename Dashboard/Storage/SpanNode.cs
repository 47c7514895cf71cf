namespace TraceApp.Dashboard.Storage;

/// <summary>
/// A span in the trace detail's tree order: depth-first, children after their parent in start order.
/// <see cref="Depth"/> 0 is the root or a span whose parent has not arrived.
/// </summary>
public sealed record SpanNode(TelemetrySpan Span, int Depth, int ChildCount);
