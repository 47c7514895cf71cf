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
    /// <see cref="AcknowledgeAsync"/> may take over — oldest change first.
    /// </summary>
    public async Task<IReadOnlyList<Job>> FindJobsOfDeadWorkersAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {JobRows.JobColumns} FROM jobs
            WHERE {HolderIsDead.Replace("$stale", "$1", StringComparison.Ordinal)}
            ORDER BY updated_at LIMIT $2
            """);
        command.Parameters.Add(JobRows.Value(timeProvider.GetUtcNow() - _options.HeartbeatTimeout));
        command.Parameters.Add(JobRows.Value(limit));
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

    /// <summary>Records that a pending job was published (again): its acknowledgement is due one timeout from now.</summary>
    /// <returns>The job, or <c>null</c> when it is no longer pending (someone acknowledged it meanwhile).</returns>
    public async Task<Job?> RecordDispatchAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        await using var command = dataSource.CreateCommand($"""
            UPDATE jobs SET ack_deadline = $2, updated_at = $3 WHERE id = $1 AND status = 'pending'
            RETURNING {JobRows.JobColumns}
            """);
        command.Parameters.Add(JobRows.Value(id));
        command.Parameters.Add(JobRows.Value(now + _options.AcknowledgementTimeout));
        command.Parameters.Add(JobRows.Value(now));
        var updated = await JobRows.ReadAllAsync(command, JobRows.ReadJob, cancellationToken);
        return updated.Count == 1 ? updated[0] : null;
    }
}
