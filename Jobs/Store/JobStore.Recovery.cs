using Npgsql;
using TraceApp.Jobs.Contracts;

namespace TraceApp.Jobs.Store;

/// <summary>What a re-dispatcher needs: jobs nobody acknowledged in time, and jobs whose worker died.</summary>
public sealed partial class JobStore
{
    /// <summary>Pending jobs whose acknowledgement deadline has passed, oldest deadline first.</summary>
    public async Task<IReadOnlyList<Job>> FindOverdueAcknowledgementsAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {JobRows.JobColumns} FROM jobs
            WHERE status = 'pending' AND ack_deadline < $1
            ORDER BY ack_deadline LIMIT $2
            """);
        command.Parameters.Add(JobRows.Value(timeProvider.GetUtcNow()));
        command.Parameters.Add(JobRows.Value(limit));
        return await JobRows.ReadAllAsync(command, JobRows.ReadJob, cancellationToken);
    }

    /// <summary>
    /// Jobs held (acknowledged or running) by a worker that stopped heartbeating — exactly those another worker's
    /// <see cref="AcknowledgeAsync"/> may take over — oldest change first; one already dispatched again is left out
    /// until that dispatch's acknowledgement is overdue.
    /// </summary>
    public async Task<IReadOnlyList<Job>> FindJobsOfDeadWorkersAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        await using var command = dataSource.CreateCommand($"""
            SELECT {JobRows.JobColumns} FROM jobs
            WHERE {HolderIsDead.Replace("$stale", "$1", StringComparison.Ordinal)} AND (ack_deadline IS NULL OR ack_deadline < $3)
            ORDER BY updated_at LIMIT $2
            """);
        command.Parameters.Add(JobRows.Value(now - _options.HeartbeatTimeout));
        command.Parameters.Add(JobRows.Value(limit));
        command.Parameters.Add(JobRows.Value(now));
        return await JobRows.ReadAllAsync(command, JobRows.ReadJob, cancellationToken);
    }

    /// <summary>
    /// Unfinished <c>_all</c> jobs, older than the heartbeat timeout, with expected workers that have not reported
    /// and stopped heartbeating: they will never report, so the caller dispatches to them again or reports their
    /// failure (<see cref="FailAsync"/> on their behalf) so the job can finish.
    /// </summary>
    public async Task<IReadOnlyList<JobAwaitingDeadWorkers>> FindJobsOnAllAwaitingDeadWorkersAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT * FROM (
                SELECT {JobRows.JobColumns},
                       array(SELECT w FROM unnest(jobs.expected_workers) AS w
                             WHERE NOT EXISTS (SELECT 1 FROM job_results r WHERE r.job_id = jobs.id AND r.worker = w)
                               AND NOT EXISTS (SELECT 1 FROM workers k WHERE k.name = w AND k.last_heartbeat >= $1)
                             ORDER BY w) AS dead_workers
                FROM jobs
                WHERE target = '_all' AND status IN ('pending', 'acknowledged', 'running') AND created_at < $1) AS waiting
            WHERE cardinality(dead_workers) > 0
            ORDER BY created_at LIMIT $2
            """);
        command.Parameters.Add(JobRows.Value(timeProvider.GetUtcNow() - _options.HeartbeatTimeout));
        command.Parameters.Add(JobRows.Value(limit));
        return await JobRows.ReadAllAsync(
            command, r => new JobAwaitingDeadWorkers(JobRows.ReadJob(r), r.GetFieldValue<string[]>(JobRows.JobColumnCount)), cancellationToken);
    }

    /// <summary>
    /// Records that a job is about to be published again, with a <c>dispatched</c> event (its message the reason, its
    /// trace id the job's): its (new) acknowledgement is due one timeout from now. For
    /// <see cref="JobRedispatchReason.AckTimeout"/> the job must still be pending and overdue; for
    /// <see cref="JobRedispatchReason.WorkerDead"/> still held by a dead worker (its <c>updated_at</c> is kept, so
    /// another worker may still take it over) and not dispatched again within the last timeout. One statement with
    /// these conditions: of several re-dispatchers racing on a job, one wins.
    /// </summary>
    /// <returns>The re-dispatch, or <c>null</c> when the job no longer needs one (acknowledged, taken over, finished, gone).</returns>
    public async Task<JobRedispatch?> RecordDispatchAsync(Guid id, JobRedispatchReason reason, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var condition = reason == JobRedispatchReason.AckTimeout
            ? "status = 'pending'"
            : HolderIsDead.Replace("$stale", "$4", StringComparison.Ordinal);
        await using var command = dataSource.CreateCommand($"""
            WITH dispatched AS (
                UPDATE jobs SET ack_deadline = $2, updated_at = CASE WHEN status = 'pending' THEN $3 ELSE updated_at END
                WHERE id = $1 AND (ack_deadline IS NULL OR ack_deadline < $3) AND {condition}
                RETURNING {JobRows.JobColumns}),
            event AS (
                INSERT INTO job_events (job_id, type, worker, occurred_at, trace_id, message)
                SELECT id, 'dispatched', worker, $3, trace_id, $5 FROM dispatched)
            SELECT {JobRows.JobColumns}, (SELECT count(*) FROM job_events e WHERE e.job_id = $1 AND e.type = 'dispatched')::int + 1
            FROM dispatched
            """);
        command.Parameters.Add(JobRows.Value(id));
        command.Parameters.Add(JobRows.Value(now + _options.AcknowledgementTimeout));
        command.Parameters.Add(JobRows.Value(now));
        command.Parameters.Add(JobRows.Value(now - _options.HeartbeatTimeout));
        command.Parameters.Add(JobRows.Value(reason.ToStorage()));
        var updated = await JobRows.ReadAllAsync(
            command, r => new JobRedispatch(JobRows.ReadJob(r), reason, r.GetInt32(JobRows.JobColumnCount)), cancellationToken);
        return updated.Count == 1 ? updated[0] : null;
    }

    /// <summary>
    /// Takes the recovery lock (a session advisory lock) without waiting, so of several Api replicas one sweeps at a
    /// time; dispose the result to release it. <c>null</c> when another session holds it. Correctness does not
    /// depend on it (<see cref="RecordDispatchAsync"/> and the claims are atomic); it saves the duplicate work.
    /// </summary>
    public async Task<IAsyncDisposable?> TryLockRecoveryAsync(CancellationToken cancellationToken = default)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({RecoveryLock.Key})", connection);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new RecoveryLock(connection);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    private sealed class RecoveryLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        /// <summary>The advisory lock key (any bigint the database's other users do not take): "TrJobsRd".</summary>
        public const long Key = 0x54724A6F62735264;

        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", connection);
                await command.ExecuteScalarAsync();
            }
            catch (NpgsqlException)
            {
                // The session is gone, and its lock with it.
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
