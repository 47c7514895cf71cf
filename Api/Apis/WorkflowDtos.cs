using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using TraceApp.Workflows.V1;

namespace TraceApp.Api.Apis;

/// <summary>
/// The body of <c>POST /workflows</c>: the workflow type (e.g. <c>node-report</c>), its input (any JSON value) and,
/// optionally, where it runs, an idempotency key and a retry policy (absent: the server's default).
/// </summary>
public sealed record StartWorkflowBody(
    string? Type,
    JsonElement? Input,
    string? Namespace,
    string? TaskQueue,
    string? ExternalId,
    WorkflowRetryPolicy? RetryPolicy);

/// <summary>How a failing step is retried; an absent member is the server's default (3 attempts, 1 s, ×2, at most 60 s).</summary>
public sealed record WorkflowRetryPolicy(
    int? MaxAttempts,
    TimeSpan? InitialInterval,
    double? BackoffCoefficient,
    TimeSpan? MaxInterval,
    IReadOnlyList<string>? NonRetryableErrorTypes)
{
    public RetryPolicy ToProto()
    {
        var policy = new RetryPolicy { MaxAttempts = MaxAttempts ?? 0, BackoffCoefficient = BackoffCoefficient ?? 0 };
        if (InitialInterval is { } initial)
        {
            policy.InitialInterval = Duration.FromTimeSpan(initial);
        }

        if (MaxInterval is { } max)
        {
            policy.MaxInterval = Duration.FromTimeSpan(max);
        }

        policy.NonRetryableErrorTypes.AddRange(NonRetryableErrorTypes ?? []);
        return policy;
    }
}

/// <summary>
/// The answer to <c>POST /workflows</c> and <c>POST /workflows/{id}/retry</c> (202, <c>Location: /workflows/{runId}</c>).
/// <paramref name="AlreadyStarted"/>: a non-terminal run with the same external id existed and is the one returned.
/// </summary>
public sealed record WorkflowAccepted(string RunId, bool AlreadyStarted, string? TraceId);

public enum WorkflowRunState
{
    Pending,
    Running,
    Sleeping,
    Completed,
    Failed,
    Cancelled,
}

public enum WorkflowStepState
{
    Running,
    Completed,
    Failed,
}

/// <summary>A run as <c>GET /workflows</c> lists it; input and output are the JSON the workflow took and gave.</summary>
public sealed record WorkflowRunSummary(
    string RunId,
    string Type,
    string Namespace,
    string TaskQueue,
    string? ExternalId,
    WorkflowRunState State,
    JsonElement? Input,
    JsonElement? Output,
    string? Error,
    int Attempt,
    string? TraceId,
    string? RetryOf,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? WakeAt)
{
    public static WorkflowRunSummary From(WorkflowRun run) => new(
        run.RunId, run.WorkflowType, run.Namespace, run.TaskQueue, Optional(run.ExternalId), WorkflowStates.From(run.State),
        WorkflowJson.Parse(run.Input), WorkflowJson.Parse(run.Output), Optional(run.Error), run.Attempt, Optional(run.TraceId),
        Optional(run.RetryOf), Time(run.CreatedAt), Time(run.UpdatedAt), Time(run.FinishedAt), Time(run.WakeAt));

    internal static string? Optional(string value) => string.IsNullOrEmpty(value) ? null : value;

    internal static DateTimeOffset? Time(Timestamp? timestamp) => timestamp?.ToDateTimeOffset();
}

/// <summary><c>GET /workflows/{id}</c>: the run and its steps in the order they began.</summary>
public sealed record WorkflowRunDetails(
    string RunId,
    string Type,
    string Namespace,
    string TaskQueue,
    string? ExternalId,
    WorkflowRunState State,
    JsonElement? Input,
    JsonElement? Output,
    string? Error,
    int Attempt,
    string? TraceId,
    string? RetryOf,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? WakeAt,
    IReadOnlyList<WorkflowStepDetails> Steps)
{
    public static WorkflowRunDetails From(GetWorkflowResponse response)
    {
        var run = WorkflowRunSummary.From(response.Run);
        return new(run.RunId, run.Type, run.Namespace, run.TaskQueue, run.ExternalId, run.State, run.Input, run.Output, run.Error,
            run.Attempt, run.TraceId, run.RetryOf, run.CreatedAt, run.UpdatedAt, run.FinishedAt, run.WakeAt,
            [.. response.Steps.Select(WorkflowStepDetails.From)]);
    }
}

public sealed record WorkflowStepDetails(
    string Name, WorkflowStepState State, int Attempt, JsonElement? Output, string? Error, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    public static WorkflowStepDetails From(WorkflowStep step) => new(
        step.Name, WorkflowStates.From(step.State), step.Attempt, WorkflowJson.Parse(step.Output), WorkflowRunSummary.Optional(step.Error),
        WorkflowRunSummary.Time(step.StartedAt), WorkflowRunSummary.Time(step.FinishedAt));
}

/// <summary><c>GET /workflows</c>: newest first; pass <see cref="NextPageToken"/> as <c>pageToken</c> for the next page (null on the last).</summary>
public sealed record WorkflowListResponse(IReadOnlyList<WorkflowRunSummary> Items, string? NextPageToken);

/// <summary>The body of <c>POST /workflows/{id}/cancel</c> (optional).</summary>
public sealed record CancelWorkflowBody(string? Reason);
