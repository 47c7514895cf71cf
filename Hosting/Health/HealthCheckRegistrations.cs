using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TraceApp.Hosting.Health;

public static class HealthCheckRegistrations
{
    // One client for every probe: the checks run for the AppHost's whole life.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>
    /// Healthy when <c>GET {endpoint}{path}</c> answers 2xx; like Aspire's <c>WithHttpHealthCheck</c>, but a resource
    /// that is still starting is probed every 100 ms (<see cref="PatientHealthCheck"/>), so what waits for it starts
    /// as soon as it is ready.
    /// </summary>
    public static IResourceBuilder<T> WithHttpReadinessCheck<T>(
        this IResourceBuilder<T> builder, string path = "/health", string endpointName = "http")
        where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        var endpoint = builder.Resource.GetEndpoint(endpointName);
        return builder.WithProbe($"{builder.Resource.Name}_{endpointName}{path}", async ct =>
        {
            using var response = await Http.GetAsync(new Uri(new Uri(endpoint.Url), path), ct);
            response.EnsureSuccessStatusCode();
        });
    }

    /// <summary>Registers <paramref name="probe"/> as the resource's health check <paramref name="key"/> (patient, see above).</summary>
    internal static IResourceBuilder<T> WithProbe<T>(this IResourceBuilder<T> builder, string key, Func<CancellationToken, Task> probe)
        where T : IResource
    {
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            key, _ => new PatientHealthCheck(probe), failureStatus: HealthStatus.Unhealthy, tags: default));
        return builder.WithHealthCheck(key);
    }
}
