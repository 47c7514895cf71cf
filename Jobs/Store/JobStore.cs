using Microsoft.Extensions.Options;
using Npgsql;
using TraceApp.Jobs.Contracts;

namespace TraceApp.Jobs.Store;

/// <summary>
/// Jobs in PostgreSQL, the source of truth: submission, reading, deletion and retry here; a worker's claim and
/// report in <c>JobStore.Execution.cs</c>; re-dispatch queries in <c>JobStore.Recovery.cs</c>. Every change of state
/// and its event are written by one statement or in one transaction. Times come from the <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class JobStore(NpgsqlDataSource dataSource, TimeProvider timeProvider, IOptions<JobStoreOptions> options)
{
    public const int MaxPageSize = 200;

    private readonly JobStoreOptions _options = options.Value;

    /// <summary>Stores a pending job and its <c>submitted</c> event, due to be acknowledged within the acknowledgement timeout.</summary>
    public async Task<Job> CreateAsync(NewJob request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var job = await InsertAsync(connection, transaction, request, retryOf: null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return job;
    }

    public async Task<JobDetails?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"SELECT {JobRows.JobColumns} FROM jobs WHERE id = $1") { Parameters = { JobRows.Value(id) } },
                new NpgsqlBatchCommand($"SELECT {JobRows.EventColumns} FROM job_events WHERE job_id = $1 ORDER BY id") { Parameters = { JobRows.Value(id) } },
                new NpgsqlBatchCommand($"SELECT {JobRows.ResultColumns} FROM job_results WHERE job_id = $1 ORDER BY worker") { Parameters = { JobRows.Value(id) } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var job = JobRows.ReadJob(reader);
        var events = new List<JobEvent>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(JobRows.ReadEvent(reader));
        }

        var results = new List<JobResult>();
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(JobRows.ReadResult(reader));
        }

        return new JobDetails(job, events, results);
    }

    /// <summary>Jobs newest first (keyset paging on created_at, id), filtered by status and operation.</summary>
    /// <exception cref="FormatException">The page token is not one this store issued.</exception>
    public async Task<JobPage> ListAsync(JobListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, MaxPageSize);
        var after = query.PageToken is { } token ? JobPageToken.Parse(token) : (JobPageToken?)null;

        await using var command = dataSource.CreateCommand($"""
            SELECT {JobRows.JobColumns} FROM jobs
            WHERE ($1::text IS NULL OR status = $1)
              AND ($2::text IS NULL OR operation = $2)
              AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4::uuid))
            ORDER BY created_at DESC, id DESC
            LIMIT $5
            """);
        command.Parameters.Add(JobRows.Text(query.Status?.ToStorage()));
        command.Parameters.Add(JobRows.Text(query.Operation));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz, Value = (object?)after?.CreatedAt ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid, Value = (object?)after?.Id ?? DBNull.Value });
        command.Parameters.Add(JobRows.Value(query.PageSize + 1));
        var jobs = await JobRows.ReadAllAsync(command, JobRows.ReadJob, cancellationToken);
        if (jobs.Count <= query.PageSize)
        {
            return new JobPage(jobs, null);
        }

        var page = jobs.Take(query.PageSize).ToList();
        return new JobPage(page, new JobPageToken(page[^1].CreatedAt, page[^1].Id).ToString());
    }

    /// <summary>How many jobs are in each state; every state is present, zero included.</summary>
    public async Task<IReadOnlyDictionary<JobStatus, long>> CountByStatusAsync(CancellationToken cancellationToken = default)
    {
        var counts = Enum.GetValues<JobStatus>().ToDictionary(s => s, _ => 0L);
        await using var command = dataSource.CreateCommand("SELECT status, count(*) FROM jobs GROUP BY status");
        foreach (var (status, count) in await JobRows.ReadAllAsync(command, r => (r.GetString(0), r.GetInt64(1)), cancellationToken))
        {
            counts[JobStatusNames.ParseStatus(status)] = count;
        }

        return counts;
    }

    /// <summary>Deletes a pending or finished job with its events and results.</summary>
    /// <exception cref="JobNotFoundException"/>
    /// <exception cref="JobStateConflictException">A worker holds the job.</exception>
    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            WITH target AS (SELECT id, status FROM jobs WHERE id = $1 FOR UPDATE),
                 deleted AS (DELETE FROM jobs j USING target t WHERE j.id = t.id AND t.status <> ALL($2) RETURNING j.id)
            SELECT t.status, EXISTS (SELECT 1 FROM deleted) FROM target t
            """);
        command.Parameters.Add(JobRows.Value(id));
        command.Parameters.Add(JobRows.Statuses(Enum.GetValues<JobStatus>().Where(s => !JobStateMachine.CanDelete(s))));
        var rows = await JobRows.ReadAllAsync(command, r => (Status: JobStatusNames.ParseStatus(r.GetString(0)), Deleted: r.GetBoolean(1)), cancellationToken);
        if (rows.Count == 0)
        {
            throw new JobNotFoundException(id);
        }

        if (!rows[0].Deleted)
        {
            throw new JobStateConflictException(id, rows[0].Status,
                $"Job {id} is {rows[0].Status.ToStorage()}: only pending or finished (completed, failed) jobs can be deleted.");
        }
    }

    /// <summary>
    /// Submits a finished job again as a new job (<c>retry_of</c> = the old one, same operation, target and params)
    /// and records a <c>retried</c> event on the old one naming the new id. <paramref name="traceId"/> and
    /// <paramref name="traceParent"/> are the retrying request's; the old job's trace id is in the new one's
    /// <c>retry_of</c> chain, so callers link to it (a span link) rather than parent into it.
    /// </summary>
    /// <exception cref="JobNotFoundException"/>
    /// <exception cref="JobStateConflictException">The job is not finished.</exception>
    public async Task<Job> RetryAsync(Guid id, string? traceId, string? traceParent, IReadOnlyList<string>? expectedWorkers = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var select = new NpgsqlCommand($"SELECT {JobRows.JobColumns} FROM jobs WHERE id = $1 FOR UPDATE", connection, transaction)
        {
            Parameters = { JobRows.Value(id) },
        };
        var found = await JobRows.ReadAllAsync(select, JobRows.ReadJob, cancellationToken);
        var old = found.Count == 1 ? found[0] : throw new JobNotFoundException(id);
        if (JobStateMachine.Next(old.Status, JobEventType.Retried) is null)
        {
            throw new JobStateConflictException(id, old.Status,
                $"Job {id} is {old.Status.ToStorage()}: only a finished (completed or failed) job can be retried.");
        }

        if (!JobOperations.TryFind(old.Operation, out var operation))
        {
            throw new JobStateConflictException(id, old.Status, $"Job {id} runs '{old.Operation}', which this version no longer knows.");
        }

        var request = new NewJob(operation, JobTarget.Parse(old.Target), old.Params, traceId, traceParent, expectedWorkers ?? old.ExpectedWorkers);
        var retry = await InsertAsync(connection, transaction, request, retryOf: id, cancellationToken);
        await InsertEventAsync(connection, transaction, id, JobEventType.Retried, worker: null, traceId, $"retried as {retry.Id}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return retry;
    }

    private async Task<Job> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, NewJob request, Guid? retryOf, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var insert = new NpgsqlCommand($"""
            INSERT INTO jobs (id, operation, kind, target, params, status, trace_id, traceparent, retry_of, expected_workers,
                              created_at, updated_at, ack_deadline)
            VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $9, $10, $10, $11)
            RETURNING {JobRows.JobColumns}
            """, connection, transaction)
        {
            Parameters =
            {
                JobRows.Value(Guid.CreateVersion7(now)),
                JobRows.Value(request.Operation.Name),
                JobRows.Value(request.Operation.Kind.ToString().ToLowerInvariant()),
                JobRows.Value(request.Target.ToString()),
                JobRows.Json(request.Params),
                JobRows.Text(request.TraceId),
                JobRows.Text(request.TraceParent),
                new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid, Value = (object?)retryOf ?? DBNull.Value },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)request.ExpectedWorkers?.ToArray() ?? DBNull.Value },
                JobRows.Value(now),
                JobRows.Value(now + _options.AcknowledgementTimeout),
            },
        };
        var job = (await JobRows.ReadAllAsync(insert, JobRows.ReadJob, cancellationToken))[0];
        await InsertEventAsync(connection, transaction, job.Id, JobEventType.Submitted, worker: null, request.TraceId, message: null, cancellationToken);
        return job;
    }

    private async Task InsertEventAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid jobId, JobEventType type, string? worker, string? traceId, string? message, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO job_events (job_id, type, worker, occurred_at, trace_id, message) VALUES ($1, $2, $3, $4, $5, $6)", connection, transaction)
        {
            Parameters =
            {
                JobRows.Value(jobId), JobRows.Value(type.ToStorage()), JobRows.Text(worker), JobRows.Value(timeProvider.GetUtcNow()),
                JobRows.Text(traceId), JobRows.Text(message),
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
