using Microsoft.Extensions.Diagnostics.HealthChecks;
using NATS.Client.Core;

namespace TraceApp.Messaging;

/// <summary>
/// Healthy when a PING gets its PONG. Unlike a look at the connection state, the round trip also opens the
/// (lazily connecting) connection, and it proves the server answers, not only that a socket is open.
/// </summary>
internal sealed class NatsHealthCheck(INatsConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var roundTrip = await connection.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy($"PING round trip {roundTrip.TotalMilliseconds:0.#} ms");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The message only: a health endpoint must not show connection strings or stack traces.
            return new HealthCheckResult(context.Registration.FailureStatus, $"{exception.GetType().Name}: {exception.Message}");
        }
    }
}
