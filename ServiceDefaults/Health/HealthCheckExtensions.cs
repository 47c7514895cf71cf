using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TraceApp.ServiceDefaults.Health;

public static class HealthCheckExtensions
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";

    /// <summary>Checks tagged <c>live</c> answer <c>/alive</c>; every check answers <c>/health</c>.</summary>
    public const string LiveTag = "live";

    /// <summary>
    /// Adds a readiness check for a dependency (database, broker…): it is healthy when <paramref name="probe"/>
    /// completes within <paramref name="timeout"/> (default 5 s), unhealthy with the failure's message otherwise.
    /// </summary>
    public static IHealthChecksBuilder AddDependencyCheck(
        this IHealthChecksBuilder builder,
        string name,
        Func<IServiceProvider, CancellationToken, Task> probe,
        TimeSpan? timeout = null) =>
        builder.Add(new HealthCheckRegistration(
            name,
            services => new DependencyHealthCheck(ct => probe(services, ct)),
            failureStatus: HealthStatus.Unhealthy,
            tags: ["ready"],
            timeout: timeout ?? TimeSpan.FromSeconds(5)));

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
        endpoints.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        return endpoints;
    }

    private sealed class DependencyHealthCheck(Func<CancellationToken, Task> probe) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await probe(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, exception.Message);
            }
        }
    }
}
