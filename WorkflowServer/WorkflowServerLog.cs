namespace TraceApp.WorkflowServer;

/// <summary>The server's run lifecycle log lines (ids and types only: never inputs, outputs or errors' payloads).</summary>
internal static partial class WorkflowServerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of {WorkflowType} started in {Namespace}/{TaskQueue}")]
    public static partial void RunStarted(ILogger logger, Guid runId, string workflowType, string @namespace, string taskQueue);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {RunId} of {WorkflowType} claimed by worker {WorkerId} (attempt {Attempt})")]
    public static partial void RunClaimed(ILogger logger, Guid runId, string workflowType, Guid workerId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of {WorkflowType} completed")]
    public static partial void RunCompleted(ILogger logger, Guid runId, string workflowType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of {WorkflowType} failed")]
    public static partial void RunFailed(ILogger logger, Guid runId, string workflowType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of {WorkflowType}: step {StepName} failed, attempt {NextAttempt} at {RetryAt:O}")]
    public static partial void RetryScheduled(ILogger logger, Guid runId, string workflowType, string stepName, int nextAttempt, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} cancelled")]
    public static partial void RunCancelled(ILogger logger, Guid runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} retried as run {NewRunId}")]
    public static partial void RunRetried(ILogger logger, Guid runId, Guid newRunId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease of run {RunId} of {WorkflowType} expired: back to PENDING")]
    public static partial void LeaseExpired(ILogger logger, Guid runId, string workflowType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} registered for {Namespace}/{TaskQueue}")]
    public static partial void WorkerRegistered(ILogger logger, Guid workerId, string @namespace, string taskQueue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} deregistered; {Released} run(s) back to PENDING")]
    public static partial void WorkerDeregistered(ILogger logger, Guid workerId, int released);
}
