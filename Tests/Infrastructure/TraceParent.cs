using System.Diagnostics;

namespace TraceApp.Tests.Infrastructure;

/// <summary>A fresh W3C traceparent, as a caller would send it.</summary>
public sealed record TraceParent(string TraceId, string SpanId)
{
    public static TraceParent New() => new(ActivityTraceId.CreateRandom().ToHexString(), ActivitySpanId.CreateRandom().ToHexString());

    public string Header => $"00-{TraceId}-{SpanId}-01";

    /// <summary>
    /// Makes this the current trace context until disposed. Publish under it as well as sending <see cref="Header"/>:
    /// when another test in the process listens to NATS.Net, NATS.Net records a publish span and writes its own
    /// <c>traceparent</c> from the current context, replacing the header.
    /// </summary>
    public Activity StartAsCurrent() => new Activity("test caller").SetParentId(Header).Start();

    public HttpRequestMessage Get(Uri address, string path) => Request(HttpMethod.Get, address, path, content: null);

    public HttpRequestMessage Post(Uri address, string path, HttpContent content) => Request(HttpMethod.Post, address, path, content);

    private HttpRequestMessage Request(HttpMethod method, Uri address, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, new Uri(address, path)) { Content = content };
        request.Headers.Add("traceparent", Header);
        return request;
    }
}
