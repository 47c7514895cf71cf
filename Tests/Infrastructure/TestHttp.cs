namespace TraceApp.Tests.Infrastructure;

public static class TestHttp
{
    /// <summary>An HttpClient that sends exactly the headers a test sets (no traceparent of its own).</summary>
    public static HttpClient CreateClient() =>
        new(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { Timeout = TimeSpan.FromSeconds(30) };
}
