namespace TraceApp.Workflows.Worker.Runtime;

/// <summary>Why an execution stopped before the workflow returned; the runtime then reports nothing more.</summary>
internal enum ExecutionEndKind
{
    /// <summary>A step failed and the server scheduled another attempt of the run.</summary>
    RetryScheduled,

    /// <summary>A step failed for the last time: the server failed the workflow.</summary>
    WorkflowFailed,

    /// <summary>A durable timer is not due: the run sleeps on the server.</summary>
    Sleeping,

    /// <summary>The run is no longer this worker's (cancelled, lease lost, server error, worker stopping).</summary>
    Abandoned,
}

internal sealed record ExecutionEnd(ExecutionEndKind Kind, string Reason)
{
    public string Outcome => Kind switch
    {
        ExecutionEndKind.RetryScheduled => "retry_scheduled",
        ExecutionEndKind.WorkflowFailed => "failed",
        ExecutionEndKind.Sleeping => "sleeping",
        _ => "abandoned",
    };
}

/// <summary>
/// Unwinds workflow code once its execution has ended (see <see cref="ExecutionEnd"/>). Workflow code that catches
/// it anyway cannot resume the run: the context stays ended, every later step or sleep throws again, and the
/// runtime neither completes nor fails a workflow whose execution ended.
/// </summary>
internal sealed class ExecutionEndedException(ExecutionEnd end) : Exception($"The workflow execution ended: {end.Reason}")
{
    public ExecutionEnd End { get; } = end;
}
