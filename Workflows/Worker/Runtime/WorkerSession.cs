using Grpc.Core;
using Microsoft.Extensions.Logging;
using TraceApp.Workflows.V1;

namespace TraceApp.Workflows.Worker.Runtime;

/// <summary>
/// This worker's registration with WorkflowServer: registers (retrying while the server is unreachable), and
/// registers again when the server no longer knows the worker id (NOT_FOUND on poll or heartbeat, e.g. after the
/// server forgot a worker whose heartbeats stopped).
/// </summary>
internal sealed class WorkerSession(
    WorkerService.WorkerServiceClient client, WorkflowWorkerOptions options, IReadOnlyCollection<string> workflowTypes,
    ServerOutage outage, ILogger logger)
{
    private static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _registering = new(1, 1);
    private WorkerRegistration? _current;

    public WorkerRegistration? Current => Volatile.Read(ref _current);

    /// <summary>The current registration, registering first if there is none.</summary>
    public async Task<WorkerRegistration> GetAsync(CancellationToken cancellationToken)
    {
        if (Current is { } current)
        {
            return current;
        }

        await _registering.WaitAsync(cancellationToken);
        try
        {
            return Current ?? await RegisterAsync(cancellationToken);
        }
        finally
        {
            _registering.Release();
        }
    }

    /// <summary>The server answered NOT_FOUND for <paramref name="stale"/>: the next <see cref="GetAsync"/> registers again.</summary>
    public void Forget(WorkerRegistration stale)
    {
        if (Interlocked.CompareExchange(ref _current, null, stale) == stale)
        {
            logger.Unregistered(stale.WorkerId);
            stale.Forget();
        }
    }

    /// <summary>Best effort: the server puts the worker's running runs back to PENDING at once.</summary>
    public async Task DeregisterAsync(TimeSpan timeout)
    {
        if (Interlocked.Exchange(ref _current, null) is not { } registration)
        {
            return;
        }

        try
        {
            await client.DeregisterAsync(new DeregisterRequest { WorkerId = registration.WorkerId }, deadline: DateTime.UtcNow + timeout);
            logger.Deregistered(registration.WorkerId);
        }
        catch (RpcException exception)
        {
            logger.DeregisterFailed(registration.WorkerId, $"{exception.StatusCode}: {exception.Status.Detail}");
        }
    }

    private async Task<WorkerRegistration> RegisterAsync(CancellationToken cancellationToken)
    {
        var request = new RegisterRequest
        {
            Namespace = options.Namespace,
            TaskQueue = options.TaskQueue,
            MaxConcurrency = options.MaxConcurrency,
            Identity = options.Identity ?? $"{Environment.MachineName}:{Environment.ProcessId}",
        };
        request.WorkflowTypes.AddRange(workflowTypes);
        while (true)
        {
            try
            {
                var response = await client.RegisterAsync(request, cancellationToken: cancellationToken);
                outage.Succeeded();
                var lease = response.LeaseDuration?.ToTimeSpan() is { Ticks: > 0 } l ? l : DefaultLease;
                var heartbeat = response.HeartbeatInterval?.ToTimeSpan() is { Ticks: > 0 } h ? h : lease / 3;
                var registration = new WorkerRegistration(response.WorkerId, heartbeat, lease);
                Volatile.Write(ref _current, registration);
                logger.Registered(registration.WorkerId, string.Join(", ", workflowTypes), options.Namespace, options.TaskQueue, heartbeat, lease);
                return registration;
            }
            catch (RpcException exception) when (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(outage.Failed("Register", exception), cancellationToken);
            }
        }
    }
}
