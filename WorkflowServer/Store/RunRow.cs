using Npgsql;
using TraceApp.WorkflowServer.Runs;

namespace TraceApp.WorkflowServer.Store;

/// <summary>One row of <c>workflows.runs</c>.</summary>
public sealed record RunRow(
    Guid Id,
    string Namespace,
    string WorkflowType,
    string TaskQueue,
    string? ExternalId,
    string State,
    int Attempt,
    string? Input,
    string? Output,
    string? Error,
    string? TraceParent,
    string? TraceId,
    Guid? RetryOf,
    PartialRetryPolicy? RetryPolicy,
    Guid? WorkerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? WakeAt)
{
    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    public const string Columns = """
        id, namespace, workflow_type, task_queue, external_id, state, attempt, input::text, output::text, error,
        traceparent, trace_id, retry_of, retry_max_attempts, retry_initial_ms, retry_coefficient, retry_max_interval_ms,
        retry_non_retryable, worker_id, created_at, updated_at, finished_at, wake_at
        """;

    public static RunRow Read(NpgsqlDataReader reader)
    {
        int? maxAttempts = reader.IsDBNull(13) ? null : reader.GetInt32(13);
        long? initialMs = reader.IsDBNull(14) ? null : reader.GetInt64(14);
        double? coefficient = reader.IsDBNull(15) ? null : reader.GetDouble(15);
        long? maxMs = reader.IsDBNull(16) ? null : reader.GetInt64(16);
        string[]? nonRetryable = reader.IsDBNull(17) ? null : reader.GetFieldValue<string[]>(17);
        var policy = maxAttempts is null && initialMs is null && coefficient is null && maxMs is null && nonRetryable is null
            ? null
            : new PartialRetryPolicy(
                maxAttempts,
                initialMs is { } i ? TimeSpan.FromMilliseconds(i) : null,
                coefficient,
                maxMs is { } m ? TimeSpan.FromMilliseconds(m) : null,
                nonRetryable);
        return new RunRow(
            reader.GetGuid(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.GetString(5),
            reader.GetInt32(6),
            reader.IsDBNull(7) ? null : reader.GetString(7),
            reader.IsDBNull(8) ? null : reader.GetString(8),
            reader.IsDBNull(9) ? null : reader.GetString(9),
            reader.IsDBNull(10) ? null : reader.GetString(10),
            reader.IsDBNull(11) ? null : reader.GetString(11),
            reader.IsDBNull(12) ? null : reader.GetGuid(12),
            policy,
            reader.IsDBNull(18) ? null : reader.GetGuid(18),
            reader.GetFieldValue<DateTimeOffset>(19),
            reader.GetFieldValue<DateTimeOffset>(20),
            reader.IsDBNull(21) ? null : reader.GetFieldValue<DateTimeOffset>(21),
            reader.IsDBNull(22) ? null : reader.GetFieldValue<DateTimeOffset>(22));
    }
}

/// <summary>One row of <c>workflows.steps</c>: a step or a timer of a run.</summary>
public sealed record StepRow(
    string Name, string Kind, string State, int Attempt, string? Output, string? Error, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    DateTimeOffset? WakeAt)
{
    public const string Columns = "name, kind, state, attempt, output::text, error, started_at, finished_at, wake_at";

    public static StepRow Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetInt32(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.GetFieldValue<DateTimeOffset>(6),
        reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
        reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8));
}

/// <summary>What StartWorkflow and RetryWorkflow insert.</summary>
public sealed record NewRun(
    string Namespace, string WorkflowType, string TaskQueue, string? ExternalId, string? Input,
    PartialRetryPolicy? RetryPolicy, string? TraceParent, string? TraceId, Guid? RetryOf);
