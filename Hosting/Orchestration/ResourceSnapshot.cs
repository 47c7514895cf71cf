namespace TraceApp.Hosting.Orchestration;

public enum ResourceState
{
    NotStarted,
    /// <summary>Waiting for the resources it WaitFor()s to be healthy.</summary>
    Waiting,
    Starting,
    Running,
    Exited,
    FailedToStart,
}

public enum ResourceHealth
{
    Unknown,
    Healthy,
    Unhealthy,
}

/// <summary>
/// One instance of a resource at one moment: a project with replicas has one instance per replica
/// (<c>worker-0</c>, <c>worker-1</c>); everything else has one, named like the resource.
/// </summary>
public sealed record ResourceSnapshot(
    string ResourceName,
    string InstanceName,
    string ResourceType,
    ResourceState State,
    ResourceHealth Health,
    IReadOnlyList<string> Endpoints,
    int? ProcessId = null,
    int? ExitCode = null,
    string? Message = null,
    IReadOnlyDictionary<string, string?>? Environment = null)
{
    public bool IsHealthy => State == ResourceState.Running && Health == ResourceHealth.Healthy;

    public bool IsFinished => State is ResourceState.Exited or ResourceState.FailedToStart;
}
