using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace TraceApp.Workflows.Worker.Runtime;

/// <summary>
/// Whether WorkflowServer is currently unreachable, shared by register, poll and heartbeat so that an outage is
/// logged once when it starts and once when it ends, with a capped, jittered backoff between attempts.
/// </summary>
internal sealed class ServerOutage(ILogger logger)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private bool _down;
    private TimeSpan _delay = FirstDelay;

    /// <summary>Records a failure and returns how long to wait before the next attempt.</summary>
    public TimeSpan Failed(string operation, RpcException exception)
    {
        lock (_lock)
        {
            if (!_down)
            {
                _down = true;
                logger.ServerUnavailable(operation, $"{exception.StatusCode}: {exception.Status.Detail}");
            }

            var delay = _delay;
            _delay = TimeSpan.FromTicks(Math.Min(_delay.Ticks * 2, MaxDelay.Ticks));
            return delay * (0.8 + (Random.Shared.NextDouble() * 0.4));
        }
    }

    public void Succeeded()
    {
        lock (_lock)
        {
            if (_down)
            {
                _down = false;
                logger.ServerAvailable();
            }

            _delay = FirstDelay;
        }
    }
}
