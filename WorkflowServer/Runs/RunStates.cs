using TraceApp.Workflows.V1;

namespace TraceApp.WorkflowServer.Runs;

/// <summary>The states a run's row holds, as the proto's <see cref="WorkflowState"/> names them without the prefix.</summary>
public static class RunStates
{
    public const string Pending = "PENDING";
    public const string Running = "RUNNING";
    public const string Sleeping = "SLEEPING";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";
    public const string Cancelled = "CANCELLED";

    public static readonly IReadOnlyList<string> All = [Pending, Running, Sleeping, Completed, Failed, Cancelled];

    public static bool IsTerminal(string state) => state is Completed or Failed or Cancelled;

    /// <summary>RetryWorkflow starts a new run only of a run that ended without success.</summary>
    public static bool CanBeRetried(string state) => state is Failed or Cancelled;

    public static WorkflowState ToProto(string state) => state switch
    {
        Pending => WorkflowState.Pending,
        Running => WorkflowState.Running,
        Sleeping => WorkflowState.Sleeping,
        Completed => WorkflowState.Completed,
        Failed => WorkflowState.Failed,
        Cancelled => WorkflowState.Cancelled,
        _ => WorkflowState.Unspecified,
    };

    public static string? FromProto(WorkflowState state) => state switch
    {
        WorkflowState.Pending => Pending,
        WorkflowState.Running => Running,
        WorkflowState.Sleeping => Sleeping,
        WorkflowState.Completed => Completed,
        WorkflowState.Failed => Failed,
        WorkflowState.Cancelled => Cancelled,
        _ => null,
    };

    public static StepState StepToProto(string state) => state switch
    {
        Running => StepState.Running,
        Completed => StepState.Completed,
        Failed => StepState.Failed,
        _ => StepState.Unspecified,
    };
}
