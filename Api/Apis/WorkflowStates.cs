using TraceApp.Workflows.V1;

namespace TraceApp.Api.Apis;

/// <summary>The wire states (<c>WORKFLOW_STATE_COMPLETED</c>) as the Api's (<c>completed</c>), and back for list filters.</summary>
public static class WorkflowStates
{
    public static WorkflowRunState From(WorkflowState state) => state switch
    {
        WorkflowState.Pending => WorkflowRunState.Pending,
        WorkflowState.Running => WorkflowRunState.Running,
        WorkflowState.Sleeping => WorkflowRunState.Sleeping,
        WorkflowState.Completed => WorkflowRunState.Completed,
        WorkflowState.Failed => WorkflowRunState.Failed,
        WorkflowState.Cancelled => WorkflowRunState.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "The workflow server sent a run without a state."),
    };

    public static WorkflowStepState From(StepState state) => state switch
    {
        StepState.Running => WorkflowStepState.Running,
        StepState.Completed => WorkflowStepState.Completed,
        StepState.Failed => WorkflowStepState.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "The workflow server sent a step without a state."),
    };

    public static WorkflowState ToProto(WorkflowRunState state) => state switch
    {
        WorkflowRunState.Pending => WorkflowState.Pending,
        WorkflowRunState.Running => WorkflowState.Running,
        WorkflowRunState.Sleeping => WorkflowState.Sleeping,
        WorkflowRunState.Completed => WorkflowState.Completed,
        WorkflowRunState.Failed => WorkflowState.Failed,
        WorkflowRunState.Cancelled => WorkflowState.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>The state named exactly <paramref name="text"/> (any case), or null.</summary>
    public static WorkflowRunState? Parse(string text) =>
        Enum.GetValues<WorkflowRunState>().Where(s => string.Equals(Name(s), text, StringComparison.OrdinalIgnoreCase)).Select(s => (WorkflowRunState?)s).SingleOrDefault();

    public static string Name(WorkflowRunState state) => state.ToString().ToLowerInvariant();
}
