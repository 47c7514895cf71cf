using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TraceApp.Hosting;

/// <summary>Healthy when the probe completes; unhealthy with the failure's message when it throws.</summary>
internal sealed class DelegateHealthCheck(Func<CancellationToken, Task> probe) : IHealthCheck
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
            return HealthCheckResult.Unhealthy(exception.Message, exception);
        }
    }
}
