using TraceApp.Workflows.V1;

namespace TraceApp.Workflows.Client;

/// <param name="Namespace">Null: <see cref="WorkflowDefaults.Namespace"/>.</param>
/// <param name="TaskQueue">Null: <see cref="WorkflowDefaults.TaskQueue"/>.</param>
/// <param name="ExternalId">Idempotency key: a second start with it returns the non-terminal run that has it.</param>
/// <param name="RetryPolicy">Null: the server's default policy.</param>
public sealed record WorkflowStartOptions(
    string? Namespace = null, string? TaskQueue = null, string? ExternalId = null, RetryPolicy? RetryPolicy = null);

/// <param name="AlreadyStarted">A non-terminal run with the same external id existed; <paramref name="RunId"/> is that run.</param>
public sealed record WorkflowStartResult(string RunId, bool AlreadyStarted);
