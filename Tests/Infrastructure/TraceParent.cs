using System.Diagnostics;

namespace TraceApp.Tests.Infrastructure;

/// <summary>A fresh W3C traceparent, as a caller would send it.</summary>
public sealed record TraceParent(string TraceId, string SpanId)
{
    public static TraceParent New() => new(ActivityTraceId.CreateRandom().ToHexString(), ActivitySpanId.CreateRandom().ToHexString());

    public string Header => $"00-{TraceId}-{SpanId}-01";

    public HttpRequestMessage Get(Uri address, string path) => Request(HttpMethod.Get, address, path, content: null);

    public HttpRequestMessage Post(Uri address, string path, HttpContent content) => Request(HttpMethod.Post, address, path, content);

    private HttpRequestMessage Request(HttpMethod method, Uri address, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, new Uri(address, path)) { Content = content };
        request.Headers.Add("traceparent", Header);
        return request;
    }
}
