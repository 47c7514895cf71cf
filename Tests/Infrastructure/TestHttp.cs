using System.Net.Http.Headers;

namespace TraceApp.Tests.Infrastructure;

public static class TestHttp
{
    /// <summary>
    /// An HttpClient that sends exactly the headers a test sets (no traceparent of its own), and
    /// <paramref name="bearerToken"/> (e.g. <see cref="TestTokens.Admin"/>) on every request when given.
    /// </summary>
    public static HttpClient CreateClient(string? bearerToken = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { Timeout = TimeSpan.FromSeconds(30) };
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return client;
    }
}
