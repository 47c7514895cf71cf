namespace TraceApp.Dashboard.Storage;

/// <summary>A converted span on its way into its trace, with the Bloom bits of its attributes, which only the trace keeps.</summary>
internal readonly record struct IncomingSpan(TelemetrySpan Span, AttributeBloom Attributes);
