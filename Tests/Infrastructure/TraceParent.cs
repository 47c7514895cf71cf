using System.Diagnostics;

namespace TraceApp.Tests.Infrastructure;

/// <summary>A fresh W3C traceparent, as a caller would send it.</summary>
public sealed record TraceParent(string TraceId, string SpanId)
{
    public static TraceParent New() => new(ActivityTraceId.CreateRandom().ToHexString(), ActivitySpanId.CreateRandom().ToHexString());

    public string Header => $"00-{TraceId}-{SpanId}-01";

    public HttpRequestMessage Get(Uri address, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, path));
        request.Headers.Add("traceparent", Header);
        return request;
    }
}
