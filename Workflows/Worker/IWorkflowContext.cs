namespace TraceApp.Workflows.Worker;

/// <summary>
/// What a running workflow sees. A run may be executed more than once (after a crash, a retry or a sleep): the code
/// must be deterministic outside steps, and every side effect belongs in a step, which runs once and is then replayed
/// from its stored output.
/// </summary>
public interface IWorkflowContext
{
    string RunId { get; }
    string WorkflowType { get; }
    string Namespace { get; }
    string TaskQueue { get; }

    /// <summary>The run's attempt: 1, then one more for every scheduled retry.</summary>
    int Attempt { get; }

    /// <summary>
    /// Fires when this execution is over before the workflow returned (a step failed, a timer is not due, or an RPC
    /// found the run cancelled or leased to another worker), or when the worker stops and its drain timeout passed.
    /// A step that throws OperationCanceledException because of it is not counted as a failed attempt.
    /// </summary>
    CancellationToken CancellationToken { get; }

    /// <summary>
    /// Runs <paramref name="step"/> once per run, memoized by <paramref name="name"/>: if the step completed in an earlier
    /// execution its stored output (JSON) is returned instead. A throw is reported with FailStep: the server schedules
    /// a retry of the run (this execution ends) or fails the workflow.
    /// </summary>
    Task<T> StepAsync<T>(string name, Func<CancellationToken, Task<T>> step);

    Task StepAsync(string name, Func<CancellationToken, Task> step);

    /// <summary>
    /// A durable timer: the run sleeps on the server and this execution ends; once it is due another execution replays
    /// the run up to here and goes on. <paramref name="name"/> defaults to the call's position ("sleep-1", "sleep-2", ...).
    /// </summary>
    Task SleepAsync(TimeSpan duration, string? name = null);
}
