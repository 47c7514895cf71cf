namespace TraceApp.WorkflowServer;

/// <summary>The "WorkflowServer" configuration section (tests shorten the times through WorkflowServer__* variables).</summary>
public sealed class WorkflowServerOptions
{
    public const string SectionName = "WorkflowServer";

    /// <summary>How long a claimed run stays leased to its worker without a heartbeat.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often expired leases are looked for.</summary>
    public TimeSpan LeaseCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest a PollTask may be held open, whatever the worker asks.</summary>
    public TimeSpan MaxPollWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a PollTask is held open when the worker does not say.</summary>
    public TimeSpan DefaultPollWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often the runs-by-state and queue-depth gauges are recounted.</summary>
    public TimeSpan MetricsRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The heartbeat interval a worker is told: a third of the lease, so two heartbeats may be lost.</summary>
    public TimeSpan HeartbeatInterval => LeaseDuration / 3;
}
