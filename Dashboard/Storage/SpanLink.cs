using System.Collections.Immutable;

namespace TraceApp.Dashboard.Storage;

/// <summary>A link from a span to a span of this or another trace (a batch consumer linking to its producers).</summary>
public sealed record SpanLink(TraceId TraceId, SpanId SpanId, ImmutableArray<KeyValuePair<string, string>> Attributes);
