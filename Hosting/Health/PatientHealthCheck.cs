using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TraceApp.Hosting.Health;

/// <summary>
/// Healthy as soon as the probe succeeds; a failing probe is retried every <see cref="Step"/> for up to
/// <see cref="Patience"/> before the check answers Unhealthy with the last failure's message.
/// </summary>
/// <remarks>
/// Aspire re-runs a failing check after 1, 2, 3, 4, then 5 s, so a resource that becomes ready just after a check is
/// seen up to 5 s late, and every <c>WaitFor</c> behind it starts that much later. Waiting inside the check sees it
/// within <see cref="Step"/>.
/// </remarks>
internal sealed class PatientHealthCheck(Func<CancellationToken, Task> probe) : IHealthCheck
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                await probe(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                if (Stopwatch.GetElapsedTime(started) + Step >= Patience)
                {
                    return HealthCheckResult.Unhealthy(exception.Message, exception);
                }
            }

            await Task.Delay(Step, cancellationToken);
        }
    }
}
