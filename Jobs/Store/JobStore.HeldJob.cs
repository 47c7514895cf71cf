using System.Text.Json;
using TraceApp.Jobs.Contracts;

namespace TraceApp.Jobs.Store;

/// <summary>
/// The common case of <see cref="StartAsync"/> and <see cref="CompleteAsync"/>/<see cref="FailAsync"/> in one
/// statement each: a one-worker job whose holder starts or reports it, with its event (and result) written by the
/// same statement. Anything else (a repeat, <c>_all</c>, a worker that does not hold the job) matches no row and
/// takes the checked, locking path. This saves about four round trips per step, the largest cost of a job.
/// </summary>
public sealed partial class JobStore
{
    /// <summary>The job, now running, when <paramref name="worker"/> holds it acknowledged; otherwise null.</summary>
    private async Task<Job?> TryStartHeldAsync(Guid id, string worker, string? traceId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(UpdateWithEvent(
            "status = 'running', error = NULL, updated_at = $3, ack_deadline = NULL",
            "id = $1 AND target <> '_all' AND worker = $2 AND status = ANY($4)",
            "id, 'started', $2, $3, $5"));
        command.Parameters.Add(JobRows.Value(id));
        command.Parameters.Add(JobRows.Value(worker));
        command.Parameters.Add(JobRows.Value(timeProvider.GetUtcNow()));
        command.Parameters.Add(JobRows.Statuses(JobStateMachine.SourcesOf(JobEventType.Started)));
        command.Parameters.Add(JobRows.Text(traceId));
        return (await JobRows.ReadAllAsync(command, JobRows.ReadJob, cancellationToken)) is [var job] ? job : null;
    }

    /// <summary>The job, now finished with this result, when <paramref name="worker"/> holds it unfinished; otherwise null.</summary>
    private async Task<Job?> TryFinishHeldAsync(
        Guid id, string worker, string host, JsonElement? payload, string? error, string? traceId, CancellationToken cancellationToken)
    {
        var type = error is null ? JobEventType.Completed : JobEventType.Failed;
        var status = error is null ? JobStatus.Completed : JobStatus.Failed;
        await using var command = dataSource.CreateCommand($"""
            WITH finished AS (
                UPDATE jobs SET status = $4, error = $6, updated_at = $7, ack_deadline = NULL, finished_at = $7
                WHERE id = $1 AND target <> '_all' AND worker = $2 AND status = ANY($8)
                RETURNING {JobRows.JobColumns}),
            result AS (
                INSERT INTO job_results (job_id, worker, host, payload, error, recorded_at)
                SELECT id, $2, $3, $5, $6, $7 FROM finished
                ON CONFLICT (job_id, worker) DO NOTHING),
            event AS (
                INSERT INTO job_events (job_id, type, worker, occurred_at, trace_id, message)
                SELECT id, $9, $2, $7, $10, $6 FROM finished)
            SELECT {JobRows.JobColumns} FROM finished
            """);
        command.Parameters.Add(JobRows.Value(id));
        command.Parameters.Add(JobRows.Value(worker));
        command.Parameters.Add(JobRows.Value(host));
        command.Parameters.Add(JobRows.Value(status.ToStorage()));
        command.Parameters.Add(JobRows.Json(payload));
        command.Parameters.Add(JobRows.Text(error));
        command.Parameters.Add(JobRows.Value(timeProvider.GetUtcNow()));
        command.Parameters.Add(JobRows.Statuses(JobStateMachine.SourcesOf(type)));
        command.Parameters.Add(JobRows.Value(type.ToStorage()));
        command.Parameters.Add(JobRows.Text(traceId));
        return (await JobRows.ReadAllAsync(command, JobRows.ReadJob, cancellationToken)) is [var job] ? job : null;
    }

    /// <summary>
    /// One statement: <c>UPDATE jobs SET <paramref name="set"/> WHERE <paramref name="where"/></c> and, for the row it
    /// changed, <c>INSERT INTO job_events (job_id, type, worker, occurred_at, trace_id)</c> of
    /// <paramref name="eventValues"/> (columns of the updated row and parameters); selects the updated row, if any.
    /// </summary>
    private static string UpdateWithEvent(string set, string where, string eventValues) => $"""
        WITH updated AS (
            UPDATE jobs SET {set}
            WHERE {where}
            RETURNING {JobRows.JobColumns}),
        event AS (
            INSERT INTO job_events (job_id, type, worker, occurred_at, trace_id)
            SELECT {eventValues} FROM updated)
        SELECT {JobRows.JobColumns} FROM updated
        """;
}
