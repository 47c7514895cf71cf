using TraceApp.Workflows.V1;

namespace TraceApp.Workflows.Worker.Runtime;

/// <summary>A run PollTask handed to this worker, with the worker id (lease holder) it was claimed under.</summary>
internal sealed record ClaimedRun(
    string RunId, string WorkflowType, string Input, int Attempt, string TraceParent,
    string Namespace, string TaskQueue, string WorkerId, TimeSpan LeaseDuration)
{
    public static ClaimedRun From(PollTaskResponse task, WorkflowWorkerOptions options, WorkerRegistration registration) =>
        new(task.RunId, task.WorkflowType, task.Input, task.Attempt, task.Traceparent,
            options.Namespace, options.TaskQueue, registration.WorkerId, registration.LeaseDuration);
}
