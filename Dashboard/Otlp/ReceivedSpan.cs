using Google.Protobuf;
using TraceApp.Dashboard.Otlp.Common;
using OtlpResource = TraceApp.Dashboard.Otlp.Resource.Resource;
using TraceApp.Dashboard.Otlp.Trace;

namespace TraceApp.Dashboard.Otlp;

/// <summary>One span as it arrived, with the resource and scope it was sent under.</summary>
public sealed record ReceivedSpan(OtlpResource Resource, InstrumentationScope Scope, Span Span)
{
    public string TraceId => Hex(Span.TraceId);

    public string SpanId => Hex(Span.SpanId);

    public string ParentSpanId => Hex(Span.ParentSpanId);

    public string Name => Span.Name;

    public string? ServiceName => ReceivedAttributes.Find(Resource.Attributes, "service.name");

    public string? Attribute(string key) => ReceivedAttributes.Find(Span.Attributes, key);

    public string? ResourceAttribute(string key) => ReceivedAttributes.Find(Resource.Attributes, key);

    public static string Hex(ByteString id) => Convert.ToHexStringLower(id.Span);
}
