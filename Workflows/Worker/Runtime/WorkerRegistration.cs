namespace TraceApp.Workflows.Worker.Runtime;

/// <summary>What Register answered: this worker's id and the server's timing.</summary>
internal sealed class WorkerRegistration(string workerId, TimeSpan heartbeatInterval, TimeSpan leaseDuration)
{
    private readonly CancellationTokenSource _forgotten = new();

    public string WorkerId { get; } = workerId;
    public TimeSpan HeartbeatInterval { get; } = heartbeatInterval;
    public TimeSpan LeaseDuration { get; } = leaseDuration;

    /// <summary>
    /// Fires when the server no longer knows this worker id: a poll still open under it is given up, so no run is
    /// claimed for an id whose leases nothing extends any more.
    /// </summary>
    public CancellationToken Forgotten => _forgotten.Token;

    public void Forget() => _forgotten.Cancel();
}
