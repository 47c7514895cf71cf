using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Hosting;

namespace TraceApp.ServiceDefaults.Http;

public static class HttpClientDefaultsExtensions
{
    /// <summary>
    /// Every HttpClient from the factory resolves logical names (<c>http://api</c> from
    /// <c>services__api__http__0</c>, Aspire's format) and gets the standard resilience pipeline: a total timeout,
    /// a per-attempt timeout, a circuit breaker, and retries of transient failures for idempotent methods only.
    /// </summary>
    public static IHostApplicationBuilder AddHttpClientDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
            http.AddServiceDiscovery();
        });
        return builder;
    }
}
