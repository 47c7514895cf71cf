namespace TraceApp.Worker;

/// <summary>The <c>Worker</c> configuration section; every setting has a default.</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Worker";

    /// <summary>The worker's name in the store (unique per process); default: <c>service.instance.id</c> or host-pid.</summary>
    public string? Name { get; set; }

    /// <summary>The host name jobs target with <c>host:&lt;name&gt;</c>; default: this machine's name, lower case.</summary>
    public string? HostName { get; set; }

    /// <summary>Jobs handled at once; default: four per processor, so slow pings do not hold up quick reads.</summary>
    public int? MaxConcurrentJobs { get; set; }

    /// <summary>How long a stopping worker lets its running jobs finish before it cancels them.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
