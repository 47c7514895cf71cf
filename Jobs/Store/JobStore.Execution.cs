using System.Text.Json;
using Npgsql;
using TraceApp.Jobs.Contracts;

namespace TraceApp.Jobs.Store;

public sealed partial class JobStore
{
    /// <summary>
    /// A job held by a worker that may be taken over: its last change is older than the heartbeat timeout and its
    /// worker has not heartbeated within it. <c>$stale</c> is now minus the heartbeat timeout.
    /// </summary>
    private const string HolderIsDead = """
        status IN ('acknowledged', 'running') AND target <> '_all' AND updated_at < $stale
        AND NOT EXISTS (SELECT 1 FROM workers w WHERE w.name = jobs.worker AND w.last_heartbeat >= $stale)
        """;

    /// <summary>
    /// A worker claims a job to run it. For one-worker targets the claim is one atomic UPDATE: it succeeds for a
    /// pending job, or for one whose holder is dead (see <see cref="FindJobsOfDeadWorkersAsync"/>); concurrent
    /// claimers are serialized on the row and all but one get <c>null</c>, as does a finished job, so a completed
    /// job is never run twice. On <c>_all</c> each worker acknowledges once.
    /// </summary>
    /// <returns>The job now held by <paramref name="worker"/>, or <c>null</c> when it must not run it (held, finished or missing).</returns>
    public async Task<Job?> AcknowledgeAsync(Guid id, string worker, string? traceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(worker);
        var now = timeProvider.GetUtcNow();
        await using var command = dataSource.CreateCommand(UpdateWithEvent(
            "status = 'acknowledged', worker = $2, attempts = attempts + 1, updated_at = $3, ack_deadline = NULL",
            $"id = $1 AND target <> '_all' AND (status = ANY($4) OR ({HolderIsDead.Replace("$stale", "$5", StringComparison.Ordinal)}))",
            "id, 'acknowledged', $2, $3, $6"));
        command.Parameters.Add(JobRows.Value(id));
        command.Parameters.Add(JobRows.Value(worker));
        command.Parameters.Add(JobRows.Value(now));
        command.Parameters.Add(JobRows.Statuses(JobStateMachine.SourcesOf(JobEventType.Acknowledged)));
        command.Parameters.Add(JobRows.Value(now - _options.HeartbeatTimeout));
        command.Parameters.Add(JobRows.Text(traceId));
        var claimed = await JobRows.ReadAllAsync(command, JobRows.ReadJob, cancellationToken);
        if (claimed.Count == 1)
        {
            return claimed[0];
        }

        return await AcknowledgeOnAllAsync(id, worker, traceId, cancellationToken);
    }

    /// <summary>The holder (or, on <c>_all</c>, a worker that acknowledged) starts running the job.</summary>
    /// <exception cref="JobNotFoundException"/>
    /// <exception cref="JobStateConflictException"><paramref name="worker"/> does not hold the job, or it is finished.</exception>
    public async Task<Job> StartAsync(Guid id, string worker, string? traceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(worker);
        if (await TryStartHeldAsync(id, worker, traceId, cancellationToken) is { } held)
        {
            return held;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var job = await LockAsync(connection, transaction, id, cancellationToken);
        if (job.Status == JobStatus.Running && (job.Worker == worker || IsOnAll(job)) && await HasEventAsync(connection, transaction, id, JobEventType.Started, worker, cancellationToken))
        {
            return job; // a repeated start
        }

        var holds = IsOnAll(job)
            ? !job.Status.IsFinished() && await HasEventAsync(connection, transaction, id, JobEventType.Acknowledged, worker, cancellationToken)
            : job.Worker == worker && JobStateMachine.Next(job.Status, JobEventType.Started) is not null;
        if (!holds)
        {
            throw NotHeldBy(job, worker);
        }

        var started = await UpdateStatusAsync(connection, transaction, id, JobStatus.Running, error: null, finished: false, cancellationToken);
        await InsertEventAsync(connection, transaction, id, JobEventType.Started, worker, traceId, message: null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return started;
    }

    /// <summary>The holder reports success with its payload (on <c>_all</c>: one worker's result).</summary>
    public Task<Job> CompleteAsync(Guid id, string worker, string host, JsonElement? payload, string? traceId, CancellationToken cancellationToken = default) =>
        ReportAsync(id, worker, host, payload, error: null, traceId, cancellationToken);

    /// <summary>The holder reports failure (on <c>_all</c>: one worker's result).</summary>
    public Task<Job> FailAsync(Guid id, string worker, string host, string error, string? traceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return ReportAsync(id, worker, host, payload: null, error, traceId, cancellationToken);
    }

    /// <summary>
    /// Records one worker's result (unique per job and worker, so a repeated report changes nothing) and its event.
    /// A one-worker job finishes with it, and only its holder may report. An <c>_all</c> job finishes when every
    /// expected worker has reported (failed if any of them failed); without expected workers, at the first report.
    /// </summary>
    /// <exception cref="JobNotFoundException"/>
    /// <exception cref="JobStateConflictException">Not the holder, or the job finished without this worker's result.</exception>
    private async Task<Job> ReportAsync(Guid id, string worker, string host, JsonElement? payload, string? error, string? traceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(worker);
        ArgumentException.ThrowIfNullOrEmpty(host);
        if (await TryFinishHeldAsync(id, worker, host, payload, error, traceId, cancellationToken) is { } held)
        {
            return held;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var job = await LockAsync(connection, transaction, id, cancellationToken);
        var onAll = IsOnAll(job);
        if (job.Status.IsFinished() || (!onAll && job.Worker != worker) || (!onAll && JobStateMachine.Next(job.Status, JobEventType.Completed) is null))
        {
            if ((onAll || job.Worker == worker) && await HasResultAsync(connection, transaction, id, worker, cancellationToken))
            {
                return job; // a repeated report of a result already recorded
            }

            throw NotHeldBy(job, worker);
        }

        if (!await InsertResultAsync(connection, transaction, id, worker, host, payload, error, cancellationToken))
        {
            return job; // this worker's result on _all is already recorded
        }

        var type = error is null ? JobEventType.Completed : JobEventType.Failed;
        await InsertEventAsync(connection, transaction, id, type, worker, traceId, error, cancellationToken);
        var finished = onAll
            ? await FinishOnAllIfEveryoneReportedAsync(connection, transaction, job, cancellationToken)
            : await UpdateStatusAsync(connection, transaction, id, error is null ? JobStatus.Completed : JobStatus.Failed, error, finished: true, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return finished;
    }

    private async Task<Job?> AcknowledgeOnAllAsync(Guid id, string worker, string? traceId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var select = new NpgsqlCommand($"SELECT {JobRows.JobColumns} FROM jobs WHERE id = $1 AND target = '_all' FOR UPDATE", connection, transaction)
        {
            Parameters = { JobRows.Value(id) },
        };
        var found = await JobRows.ReadAllAsync(select, JobRows.ReadJob, cancellationToken);
        if (found.Count == 0 || found[0].Status.IsFinished()
            || await HasEventAsync(connection, transaction, id, JobEventType.Acknowledged, worker, cancellationToken))
        {
            return null;
        }

        var status = found[0].Status == JobStatus.Pending ? JobStatus.Acknowledged : found[0].Status;
        var job = await UpdateStatusAsync(connection, transaction, id, status, error: null, finished: false, cancellationToken);
        await InsertEventAsync(connection, transaction, id, JobEventType.Acknowledged, worker, traceId, message: null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return job;
    }

    private async Task<Job> FinishOnAllIfEveryoneReportedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Job job, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE $2::text[] IS NULL OR worker = ANY($2)),
                   count(*) FILTER (WHERE error IS NOT NULL)
            FROM job_results WHERE job_id = $1
            """, connection, transaction)
        {
            Parameters =
            {
                JobRows.Value(job.Id),
                new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)job.ExpectedWorkers?.ToArray() ?? DBNull.Value },
            },
        };
        var (reported, failed) = (await JobRows.ReadAllAsync(command, r => (r.GetInt64(0), r.GetInt64(1)), cancellationToken))[0];
        var expected = job.ExpectedWorkers is { Count: > 0 } workers ? workers.Distinct(StringComparer.Ordinal).Count() : 1;
        if (reported < expected)
        {
            return await UpdateStatusAsync(connection, transaction, job.Id, JobStatus.Running, error: null, finished: false, cancellationToken);
        }

        return failed == 0
            ? await UpdateStatusAsync(connection, transaction, job.Id, JobStatus.Completed, error: null, finished: true, cancellationToken)
            : await UpdateStatusAsync(connection, transaction, job.Id, JobStatus.Failed, $"{failed} of {reported} workers failed", finished: true, cancellationToken);
    }

    private static bool IsOnAll(Job job) => job.Target == JobTarget.AllText;

    private static JobStateConflictException NotHeldBy(Job job, string worker) => new(job.Id, job.Status, job.Status.IsFinished()
        ? $"Job {job.Id} is already {job.Status.ToStorage()}; worker '{worker}' may not report on it."
        : $"Job {job.Id} is {job.Status.ToStorage()} and held by '{job.Worker ?? "no worker"}', not by worker '{worker}'.");
}
