namespace TraceApp.Workflows.Worker;

/// <summary>Configuration section "Workflows:Worker".</summary>
public sealed class WorkflowWorkerOptions
{
    public const string SectionName = "Workflows:Worker";

    public string Namespace { get; set; } = WorkflowDefaults.Namespace;
    public string TaskQueue { get; set; } = WorkflowDefaults.TaskQueue;

    /// <summary>How many runs this worker executes at once.</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>How long one PollTask long poll is held open by the server at most.</summary>
    public TimeSpan PollWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a stopping worker waits for its running executions before abandoning them (their leases expire).</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Shown in the dashboard and stored with the worker; default host name and process id.</summary>
    public string? Identity { get; set; }
}
