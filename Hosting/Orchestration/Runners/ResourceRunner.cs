using TraceApp.Hosting.ApplicationModel;
using TraceApp.Hosting.Execution;

namespace TraceApp.Hosting.Orchestration.Runners;

/// <summary>Starts one instance of a resource and tells whether it is healthy.</summary>
public abstract class ResourceRunner(Resource resource, string instanceName, int replica = 0)
{
    public Resource Resource { get; } = resource;

    public string InstanceName { get; } = instanceName;

    public int Replica { get; } = replica;

    /// <summary>The instance's process, once started; null for resources without one (a database).</summary>
    public ManagedProcess? Process { get; private set; }

    public virtual IReadOnlyDictionary<string, string?>? Environment => null;

    /// <summary>Throws a <see cref="Servers.MissingPrerequisiteException"/> when a program it needs is not installed.</summary>
    public virtual void CheckPrerequisites()
    {
    }

    public abstract Task StartAsync(RunContext context, CancellationToken cancellationToken);

    /// <summary>Completes when healthy right now; throws with the reason otherwise.</summary>
    public abstract Task CheckHealthAsync(RunContext context, CancellationToken cancellationToken);

    public IReadOnlyList<string> Urls(RunContext context) =>
        [.. Resource.AnnotationsOf<EndpointAnnotation>().Select(e => context.Endpoints.Url(Resource, e.Name, Replica))];

    protected void Launch(RunContext context, ProcessSpec spec)
    {
        Process = ManagedProcess.Start(spec with { OwnProcessGroup = true }, context.Echo);
        context.Watchdog.Watch(Process.Id);
    }

    /// <summary>For resources without a health probe: healthy while the process runs.</summary>
    protected Task RunningAsHealthy() =>
        Process is { HasExited: false } ? Task.CompletedTask : throw new InvalidOperationException($"{InstanceName} is not running.");
}
