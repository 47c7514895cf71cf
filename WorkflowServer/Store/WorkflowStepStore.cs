using Npgsql;
using TraceApp.WorkflowServer.Queue;
using TraceApp.WorkflowServer.Runs;
using TraceApp.WorkflowServer.Telemetry;
using static TraceApp.WorkflowServer.Store.StoreCommands;

namespace TraceApp.WorkflowServer.Store;

/// <summary>The result of BeginStep: run it (attempt n), or its output from an earlier execution.</summary>
public sealed record StepStart(bool ShouldExecute, string? CachedOutput, int Attempt, string WorkflowType);

/// <summary>The result of CompleteStep / FailStep; <c>Seconds</c> since BeginStep, null for a repeated CompleteStep.</summary>
public sealed record StepFinish(double? Seconds, string WorkflowType, StepFailureOutcome? Outcome = null, DateTimeOffset? RetryAt = null);

/// <summary>Steps of a run, memoized by name; every operation first locks the run for its worker.</summary>
public sealed class WorkflowStepStore(NpgsqlDataSource dataSource)
{
    /// <summary>A completed step is not run again (its output comes back); otherwise it is RUNNING with attempt = earlier + 1.</summary>
    public async Task<StepStart> BeginAsync(Guid runId, Guid workerId, string stepName, CancellationToken cancellationToken)
    {
        using var activity = StartSpan("workflow_step.begin", runId);
        activity?.SetTag(WorkflowServerTelemetry.Tags.StepName, stepName);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var run = await LockOwnedRunAsync(connection, transaction, runId, workerId, cancellationToken);
        await using var command = Command(connection, transaction, """
            INSERT INTO workflows.steps AS s (run_id, name, kind, state, attempt, started_at)
            VALUES ($1, $2, 'step', 'RUNNING', 1, now())
            ON CONFLICT (run_id, name) DO UPDATE SET state = 'RUNNING', attempt = s.attempt + 1, started_at = now(),
                finished_at = NULL, error = NULL
            WHERE s.kind = 'step' AND s.state <> 'COMPLETED'
            RETURNING attempt
            """, runId, stepName);
        StepStart start;
        if (await command.ExecuteScalarAsync(cancellationToken) is int attempt)
        {
            start = new StepStart(true, null, attempt, run.WorkflowType);
        }
        else
        {
            await using var existing = Command(connection, transaction,
                "SELECT kind, attempt, output::text FROM workflows.steps WHERE run_id = $1 AND name = $2", runId, stepName);
            await using var reader = await existing.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (reader.GetString(0) != "step")
            {
                throw WorkflowRejection.Precondition($"run {runId} already has a timer named '{stepName}': a step needs a name of its own");
            }

            start = new StepStart(false, reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt32(1), run.WorkflowType);
        }

        await transaction.CommitAsync(cancellationToken);
        activity?.SetTag("step.cached", !start.ShouldExecute);
        return start;
    }

    /// <summary>
    /// RUNNING → COMPLETED with the output. Completing a completed step again changes nothing (a repeated RPC);
    /// a step never begun, or failed, is FAILED_PRECONDITION.
    /// </summary>
    public async Task<StepFinish> CompleteAsync(Guid runId, Guid workerId, string stepName, string? output, CancellationToken cancellationToken)
    {
        using var activity = StartSpan("workflow_step.complete", runId);
        activity?.SetTag(WorkflowServerTelemetry.Tags.StepName, stepName);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var run = await LockOwnedRunAsync(connection, transaction, runId, workerId, cancellationToken);
        await using var command = Command(connection, transaction, """
            UPDATE workflows.steps SET state = 'COMPLETED', output = $3::jsonb, finished_at = now()
            WHERE run_id = $1 AND name = $2 AND kind = 'step' AND state = 'RUNNING'
            RETURNING extract(epoch FROM now() - started_at)::double precision
            """, runId, stepName, output);
        if (await command.ExecuteScalarAsync(cancellationToken) is double seconds)
        {
            await transaction.CommitAsync(cancellationToken);
            return new StepFinish(seconds, run.WorkflowType);
        }

        var state = await StepStateAsync(connection, transaction, runId, stepName, cancellationToken);
        if (state == RunStates.Completed)
        {
            await transaction.CommitAsync(cancellationToken);
            return new StepFinish(null, run.WorkflowType);
        }

        throw WorkflowRejection.Precondition(state is null
            ? $"step '{stepName}' of run {runId} was not begun (call BeginStep first)"
            : $"step '{stepName}' of run {runId} is {state}, not RUNNING");
    }

    /// <summary>
    /// RUNNING → FAILED, then the retry policy (the request's, else the run's, else the default) decides: the run
    /// goes back to PENDING after the backoff with attempt + 1 (lease released, NOTIFY with the due time), or FAILS.
    /// </summary>
    public async Task<StepFinish> FailAsync(
        Guid runId, Guid workerId, string stepName, string errorMessage, string? errorType, PartialRetryPolicy? policy, CancellationToken cancellationToken)
    {
        using var activity = StartSpan("workflow_step.fail", runId);
        activity?.SetTag(WorkflowServerTelemetry.Tags.StepName, stepName);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var run = await LockOwnedRunAsync(connection, transaction, runId, workerId, cancellationToken);
        await using var command = Command(connection, transaction, """
            UPDATE workflows.steps SET state = 'FAILED', error = $3, finished_at = now()
            WHERE run_id = $1 AND name = $2 AND kind = 'step' AND state = 'RUNNING'
            RETURNING attempt, extract(epoch FROM now() - started_at)::double precision
            """, runId, stepName, Describe(errorMessage, errorType));
        int stepAttempt;
        double seconds;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                reader.Close();
                var state = await StepStateAsync(connection, transaction, runId, stepName, cancellationToken);
                throw WorkflowRejection.Precondition(state is null
                    ? $"step '{stepName}' of run {runId} was not begun (call BeginStep first)"
                    : $"step '{stepName}' of run {runId} is {state}, not RUNNING");
            }

            stepAttempt = reader.GetInt32(0);
            seconds = reader.GetDouble(1);
        }

        var outcome = RetryDecisions.Decide(RetryDecisions.Resolve(policy, run.RetryPolicy), errorType, stepAttempt, run.Attempt);
        DateTimeOffset? retryAt = null;
        if (outcome is StepFailureOutcome.RetryAfter retry)
        {
            await using var reschedule = Command(connection, transaction, """
                UPDATE workflows.runs SET state = 'PENDING', attempt = $2, available_at = now() + $3, wake_at = now() + $3,
                    error = $4, worker_id = NULL, lease_expires_at = NULL, updated_at = now()
                WHERE id = $1
                RETURNING available_at
                """, runId, retry.NextAttempt, retry.Delay, $"step '{stepName}' failed: {Describe(errorMessage, errorType)}");
            retryAt = (DateTimeOffset)(await reschedule.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : default);
            await NotifyAsync(connection, transaction, new TaskNotification(run.Namespace, run.TaskQueue, run.WorkflowType, retryAt), cancellationToken);
        }
        else if (outcome is StepFailureOutcome.FailWorkflow fail)
        {
            await using var failRun = Command(connection, transaction, """
                UPDATE workflows.runs SET state = 'FAILED', error = $2, finished_at = now(), updated_at = now(),
                    worker_id = NULL, lease_expires_at = NULL, wake_at = NULL
                WHERE id = $1
                """, runId, $"step '{stepName}' failed: {Describe(errorMessage, errorType)} ({fail.Reason})");
            await failRun.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        activity?.SetTag("step.attempt", stepAttempt);
        activity?.SetTag("outcome", outcome is StepFailureOutcome.RetryAfter ? "retry_scheduled" : "workflow_failed");
        return new StepFinish(seconds, run.WorkflowType, outcome, retryAt);
    }

    public static string Describe(string message, string? type) => string.IsNullOrEmpty(type) ? message : $"{type}: {message}";

    private static async Task<string?> StepStateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid runId, string stepName, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            "SELECT state FROM workflows.steps WHERE run_id = $1 AND name = $2 AND kind = 'step'", runId, stepName);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
