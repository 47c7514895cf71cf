using Microsoft.Extensions.Logging;

namespace TraceApp.Workflows.Worker.Runtime;

internal static partial class WorkflowWorkerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow worker {WorkerId} registered with WorkflowServer for {WorkflowTypes} on {Namespace}/{TaskQueue} (heartbeat every {HeartbeatInterval}, lease {LeaseDuration})")]
    public static partial void Registered(this ILogger logger, string workerId, string workflowTypes, string @namespace, string taskQueue, TimeSpan heartbeatInterval, TimeSpan leaseDuration);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow worker {WorkerId} is unknown to WorkflowServer; registering again")]
    public static partial void Unregistered(this ILogger logger, string workerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow worker {WorkerId} deregistered")]
    public static partial void Deregistered(this ILogger logger, string workerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow worker {WorkerId} could not deregister: {Reason}")]
    public static partial void DeregisterFailed(this ILogger logger, string workerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WorkflowServer unavailable ({Operation}: {Reason}); retrying with backoff")]
    public static partial void ServerUnavailable(this ILogger logger, string operation, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "WorkflowServer reachable again")]
    public static partial void ServerAvailable(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WorkflowServer asked workflow worker {WorkerId} to drain")]
    public static partial void DrainRequested(this ILogger logger, string workerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow worker draining: waiting up to {DrainTimeout} for {Count} running execution(s)")]
    public static partial void Draining(this ILogger logger, TimeSpan drainTimeout, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow worker drain timed out; cancelling {Count} execution(s)")]
    public static partial void DrainTimedOut(this ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No workflow types are registered: the workflow worker does not start")]
    public static partial void NothingToRun(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Executing run {RunId} ({WorkflowType}, attempt {Attempt})")]
    public static partial void ExecutionStarted(this ILogger logger, string runId, string workflowType, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} ({WorkflowType}) completed")]
    public static partial void ExecutionCompleted(this ILogger logger, string runId, string workflowType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} ({WorkflowType}) failed: {Error}")]
    public static partial void ExecutionFailed(this ILogger logger, string runId, string workflowType, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} ({WorkflowType}) execution ended ({Outcome}): {Reason}")]
    public static partial void ExecutionSuspended(this ILogger logger, string runId, string workflowType, string outcome, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} ({WorkflowType}) abandoned: {Reason}")]
    public static partial void ExecutionAbandoned(this ILogger logger, string runId, string workflowType, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Rpc} for run {RunId}: WorkflowServer unavailable ({Reason}); retrying")]
    public static partial void RunRpcRetrying(this ILogger logger, string rpc, string runId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Workflow execution of run {RunId} crashed")]
    public static partial void ExecutionCrashed(this ILogger logger, string runId, Exception exception);
}
