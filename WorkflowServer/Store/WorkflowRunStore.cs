using Npgsql;
using TraceApp.WorkflowServer.Queue;
using TraceApp.WorkflowServer.Runs;
using static TraceApp.WorkflowServer.Store.StoreCommands;

namespace TraceApp.WorkflowServer.Store;

/// <summary>Runs as clients see them: start, read, list, cancel, retry. The worker side is in WorkflowRunStore.Execution.cs.</summary>
public sealed partial class WorkflowRunStore(NpgsqlDataSource dataSource)
{
    private const string UniqueViolation = "23505";

    /// <summary>
    /// A new PENDING run, available now (NOTIFY wakes the pollers when the insert commits); or, when a non-terminal
    /// run of the namespace has the external id, that run with <c>AlreadyStarted</c>.
    /// </summary>
    public async Task<(RunRow Run, bool AlreadyStarted)> CreateAsync(NewRun run, CancellationToken cancellationToken)
    {
        using var activity = StartSpan("workflow_run.create");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var created = await InsertAsync(connection, transaction, run, Guid.CreateVersion7(), cancellationToken);
            if (created is not null)
            {
                await NotifyAsync(connection, transaction, new TaskNotification(run.Namespace, run.TaskQueue, run.WorkflowType, null), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                activity?.SetTag("already_started", false);
                return (created, false);
            }

            await using var existing = Command(connection, transaction, $"""
                SELECT {RunRow.Columns} FROM workflows.runs
                WHERE namespace = $1 AND external_id = $2 AND state IN ('PENDING', 'RUNNING', 'SLEEPING')
                """, run.Namespace, run.ExternalId);
            if (await ReadRunAsync(existing, cancellationToken) is { } found)
            {
                await transaction.CommitAsync(cancellationToken);
                activity?.SetTag("already_started", true);
                return (found, true);
            }

            // The conflicting run ended between the insert and the read: insert again.
            await transaction.RollbackAsync(cancellationToken);
            if (attempt == 3)
            {
                throw new InvalidOperationException("StartWorkflow kept conflicting with runs that ended at once.");
            }
        }
    }

    public async Task<(RunRow Run, IReadOnlyList<StepRow> Steps)?> GetAsync(Guid runId, CancellationToken cancellationToken)
    {
        using var activity = StartSpan("workflow_run.get", runId);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"SELECT {RunRow.Columns} FROM workflows.runs WHERE id = $1") { Parameters = { new() { Value = runId } } },
                new NpgsqlBatchCommand($"SELECT {StepRow.Columns} FROM workflows.steps WHERE run_id = $1 ORDER BY started_at, name") { Parameters = { new() { Value = runId } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var run = RunRow.Read(reader);
        await reader.NextResultAsync(cancellationToken);
        var steps = new List<StepRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            steps.Add(StepRow.Read(reader));
        }

        return (run, steps);
    }

    /// <summary>Newest first; <paramref name="after"/> is the keyset of the previous page's last run.</summary>
    public async Task<(IReadOnlyList<RunRow> Runs, RunPageToken? Next)> ListAsync(
        string? @namespace, string? workflowType, string? state, int pageSize, RunPageToken? after, CancellationToken cancellationToken)
    {
        using var activity = StartSpan("workflow_run.list");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, $"""
            SELECT {RunRow.Columns} FROM workflows.runs
            WHERE ($1::text IS NULL OR namespace = $1)
              AND ($2::text IS NULL OR workflow_type = $2)
              AND ($3::text IS NULL OR state = $3)
              AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5::uuid))
            ORDER BY created_at DESC, id DESC
            LIMIT $6
            """, @namespace, workflowType, state, after?.CreatedAt, after?.RunId, pageSize + 1);
        var runs = new List<RunRow>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                runs.Add(RunRow.Read(reader));
            }
        }

        if (runs.Count <= pageSize)
        {
            return (runs, null);
        }

        runs.RemoveAt(pageSize);
        return (runs, new RunPageToken(runs[^1].CreatedAt, runs[^1].Id));
    }

    /// <summary>A non-terminal run becomes CANCELLED (its worker finds out at its next RPC); a terminal one is FAILED_PRECONDITION.</summary>
    public async Task<RunRow> CancelAsync(Guid runId, string reason, CancellationToken cancellationToken)
    {
        using var activity = StartSpan("workflow_run.cancel", runId);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, $"""
            WITH target AS (SELECT id, state FROM workflows.runs WHERE id = $1 FOR UPDATE),
            cancelled AS (
                UPDATE workflows.runs r SET state = 'CANCELLED', error = $2, finished_at = now(), updated_at = now(),
                    worker_id = NULL, lease_expires_at = NULL, wake_at = NULL
                FROM target WHERE r.id = target.id AND target.state IN ('PENDING', 'RUNNING', 'SLEEPING')
                RETURNING r.id)
            SELECT target.state, (SELECT count(*) FROM cancelled) FROM target
            """, runId, reason);
        string? previous = null;
        long cancelled = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                previous = reader.GetString(0);
                cancelled = reader.GetInt64(1);
            }
        }

        if (previous is null)
        {
            throw WorkflowRejection.RunNotFound(runId);
        }

        if (cancelled == 0)
        {
            throw WorkflowRejection.Precondition($"run {runId} is already {previous}: only a PENDING, RUNNING or SLEEPING run can be cancelled");
        }

        await using var read = Command(connection, null, $"SELECT {RunRow.Columns} FROM workflows.runs WHERE id = $1", runId);
        return await ReadRunAsync(read, cancellationToken) ?? throw WorkflowRejection.RunNotFound(runId);
    }

    /// <summary>
    /// A new PENDING run of a FAILED or CANCELLED one: same type, input, namespace, queue, external id and policy,
    /// <c>retry_of</c> the old run. ALREADY_EXISTS when another non-terminal run has taken the external id.
    /// </summary>
    public async Task<RunRow> RetryAsync(Guid runId, Func<RunRow, (string? TraceParent, string? TraceId)> traceOf, CancellationToken cancellationToken)
    {
        using var activity = StartSpan("workflow_run.retry", runId);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var select = Command(connection, transaction, $"SELECT {RunRow.Columns} FROM workflows.runs WHERE id = $1 FOR UPDATE", runId);
        var old = await ReadRunAsync(select, cancellationToken) ?? throw WorkflowRejection.RunNotFound(runId);
        if (!RunStates.CanBeRetried(old.State))
        {
            throw WorkflowRejection.Precondition($"run {runId} is {old.State}: only a FAILED or CANCELLED run can be retried");
        }

        var (traceParent, traceId) = traceOf(old);
        var copy = new NewRun(old.Namespace, old.WorkflowType, old.TaskQueue, old.ExternalId, old.Input, old.RetryPolicy, traceParent, traceId, old.Id);
        RunRow? created;
        try
        {
            created = await InsertAsync(connection, transaction, copy, Guid.CreateVersion7(), cancellationToken, onConflictDoNothing: false);
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation)
        {
            throw new WorkflowRejection(global::Grpc.Core.StatusCode.AlreadyExists,
                $"another run of namespace {old.Namespace} with external_id {old.ExternalId} is not finished");
        }

        await NotifyAsync(connection, transaction, new TaskNotification(old.Namespace, old.TaskQueue, old.WorkflowType, null), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        activity?.SetTag("retry_run_id", created!.Id.ToString());
        return created!;
    }

    private static async Task<RunRow?> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, NewRun run, Guid id, CancellationToken cancellationToken, bool onConflictDoNothing = true)
    {
        var conflict = onConflictDoNothing
            ? "ON CONFLICT (namespace, external_id) WHERE external_id IS NOT NULL AND state IN ('PENDING', 'RUNNING', 'SLEEPING') DO NOTHING"
            : "";
        var policy = run.RetryPolicy;
        await using var command = Command(connection, transaction, $"""
            INSERT INTO workflows.runs (id, namespace, workflow_type, task_queue, external_id, state, attempt, input,
                traceparent, trace_id, retry_of, retry_max_attempts, retry_initial_ms, retry_coefficient,
                retry_max_interval_ms, retry_non_retryable, available_at)
            VALUES ($1, $2, $3, $4, $5, 'PENDING', 1, $6::jsonb, $7, $8, $9::uuid, $10::integer, $11::bigint, $12::double precision,
                $13::bigint, $14::text[], now())
            {conflict}
            RETURNING {RunRow.Columns}
            """,
            id, run.Namespace, run.WorkflowType, run.TaskQueue, run.ExternalId, run.Input, run.TraceParent, run.TraceId, run.RetryOf,
            policy?.MaxAttempts, (long?)policy?.InitialInterval?.TotalMilliseconds, policy?.BackoffCoefficient,
            (long?)policy?.MaxInterval?.TotalMilliseconds, policy?.NonRetryableErrorTypes?.ToArray());
        return await ReadRunAsync(command, cancellationToken);
    }
}
