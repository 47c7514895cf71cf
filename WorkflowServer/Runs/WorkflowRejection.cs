using Grpc.Core;

namespace TraceApp.WorkflowServer.Runs;

/// <summary>
/// A request the server refuses for a reason the caller can act on (bad argument, unknown id, wrong state): answered
/// with <see cref="Code"/> and the message, never as an internal error.
/// </summary>
public sealed class WorkflowRejection(StatusCode code, string message) : Exception(message)
{
    public StatusCode Code { get; } = code;

    public static WorkflowRejection InvalidArgument(string field, string problem) => new(StatusCode.InvalidArgument, $"{field}: {problem}");

    public static WorkflowRejection RunNotFound(Guid runId) => new(StatusCode.NotFound, $"run {runId} does not exist");

    public static WorkflowRejection WorkerNotFound(Guid workerId) =>
        new(StatusCode.NotFound, $"worker {workerId} is not registered (register again)");

    public static WorkflowRejection Precondition(string message) => new(StatusCode.FailedPrecondition, message);

    public RpcException ToRpcException() => new(new Status(Code, Message));
}
