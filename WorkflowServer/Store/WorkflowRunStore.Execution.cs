using TraceApp.WorkflowServer.Queue;
using TraceApp.WorkflowServer.Runs;
using TraceApp.WorkflowServer.Telemetry;
using static TraceApp.WorkflowServer.Store.StoreCommands;

namespace TraceApp.WorkflowServer.Store;

/// <summary>The worker side of runs: claim, finish, sleep, and the return of runs whose lease expired.</summary>
public sealed partial class WorkflowRunStore
{
    /// <summary>
    /// Claims the oldest ready run of the queue (PENDING and available, or SLEEPING and due) of one of
    /// <paramref name="workflowTypes"/> (empty: any): RUNNING, leased to the worker for <paramref name="lease"/>.
    /// SKIP LOCKED lets concurrent pollers take different runs without waiting for each other.
    /// </summary>
    public async Task<RunRow?> ClaimAsync(
        Guid workerId, string @namespace, string taskQueue, IReadOnlyList<string> workflowTypes, TimeSpan lease, CancellationToken cancellationToken)
    {
        using var activity = StartSpan("workflow_run.claim");
        activity?.SetTag(WorkflowServerTelemetry.Tags.Namespace, @namespace);
        activity?.SetTag(WorkflowServerTelemetry.Tags.TaskQueue, taskQueue);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, $"""
            UPDATE workflows.runs SET state = 'RUNNING', worker_id = $4, lease_expires_at = now() + $5, wake_at = NULL, updated_at = now()
            FROM (
                SELECT id AS next_id FROM workflows.runs
                WHERE namespace = $1 AND task_queue = $2 AND state IN ('PENDING', 'SLEEPING') AND available_at <= now()
                  AND (cardinality($3::text[]) = 0 OR workflow_type = ANY($3::text[]))
                ORDER BY available_at, created_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED) next
            WHERE id = next.next_id
            RETURNING {RunRow.Columns}
            """, @namespace, taskQueue, workflowTypes.ToArray(), workerId, lease);
        var run = await ReadRunAsync(command, cancellationToken);
        if (run is not null)
        {
            activity?.SetTag(WorkflowServerTelemetry.Tags.RunId, run.Id.ToString());
            activity?.SetTag(WorkflowServerTelemetry.Tags.WorkflowType, run.WorkflowType);
        }

        return run;
    }

    public async Task<RunRow> CompleteAsync(Guid runId, Guid workerId, string? output, CancellationToken cancellationToken)
    {
        using var activity = StartSpan("workflow_run.complete", runId);
        return await FinishAsync(runId, workerId, RunStates.Completed, output, error: null, cancellationToken);
    }

    public async Task<RunRow> FailAsync(Guid runId, Guid workerId, string error, CancellationToken cancellationToken)
    {
        using var activity = StartSpan("workflow_run.fail", runId);
        return await FinishAsync(runId, workerId, RunStates.Failed, output: null, error, cancellationToken);
    }

    /// <summary>
    /// A durable timer, memoized by name. First call: the run SLEEPS until now + <paramref name="duration"/> (lease
    /// released; every server's due-time loop learns the time through NOTIFY). Later calls (the replay after waking):
    /// due → <c>AlreadyElapsed</c>, the run stays RUNNING; not yet due → the run sleeps again until the same time.
    /// </summary>
    public async Task<(DateTimeOffset WakeAt, bool AlreadyElapsed)> SleepAsync(
        Guid runId, Guid workerId, string timerName, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var activity = StartSpan("workflow_run.sleep", runId);
        activity?.SetTag("timer_name", timerName);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var run = await LockOwnedRunAsync(connection, transaction, runId, workerId, cancellationToken);
        await using var timer = Command(connection, transaction, """
            INSERT INTO workflows.steps (run_id, name, kind, state, attempt, wake_at, started_at)
            VALUES ($1, $2, 'timer', 'RUNNING', 1, now() + $3, now())
            ON CONFLICT (run_id, name) DO UPDATE SET
                state = CASE WHEN steps.kind = 'timer' AND steps.wake_at <= now() THEN 'COMPLETED' ELSE steps.state END,
                finished_at = CASE WHEN steps.kind = 'timer' AND steps.wake_at <= now() THEN coalesce(steps.finished_at, now()) ELSE steps.finished_at END
            RETURNING kind, wake_at, wake_at <= now()
            """, runId, timerName, duration);
        string kind;
        DateTimeOffset wakeAt;
        bool elapsed;
        await using (var reader = await timer.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            kind = reader.GetString(0);
            wakeAt = reader.IsDBNull(1) ? default : reader.GetFieldValue<DateTimeOffset>(1);
            elapsed = !reader.IsDBNull(2) && reader.GetBoolean(2);
        }

        if (kind != "timer")
        {
            throw WorkflowRejection.Precondition($"run {runId} already has a step named '{timerName}': a timer needs a name of its own");
        }

        if (!elapsed)
        {
            await using var sleep = Command(connection, transaction, """
                UPDATE workflows.runs SET state = 'SLEEPING', available_at = $2, wake_at = $2, worker_id = NULL,
                    lease_expires_at = NULL, updated_at = now()
                WHERE id = $1
                """, runId, wakeAt);
            await sleep.ExecuteNonQueryAsync(cancellationToken);
            await NotifyAsync(connection, transaction, new TaskNotification(run.Namespace, run.TaskQueue, run.WorkflowType, wakeAt), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        activity?.SetTag("already_elapsed", elapsed);
        return (wakeAt, elapsed);
    }

    /// <summary>RUNNING runs whose lease passed go back to PENDING, available now, and their queues are notified.</summary>
    public async Task<IReadOnlyList<(Guid RunId, string WorkflowType)>> ReleaseExpiredAsync(CancellationToken cancellationToken)
    {
        using var activity = StartSpan("workflow_run.release_expired");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = Command(connection, transaction, """
            UPDATE workflows.runs SET state = 'PENDING', worker_id = NULL, lease_expires_at = NULL, available_at = now(), updated_at = now()
            WHERE id IN (
                SELECT id FROM workflows.runs WHERE state = 'RUNNING' AND lease_expires_at < now() FOR UPDATE SKIP LOCKED)
            RETURNING id, workflow_type, namespace, task_queue
            """);
        var released = new List<(Guid, string)>();
        var queues = new HashSet<(string, string, string)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                released.Add((reader.GetGuid(0), reader.GetString(1)));
                queues.Add((reader.GetString(2), reader.GetString(3), reader.GetString(1)));
            }
        }

        foreach (var (@namespace, taskQueue, workflowType) in queues)
        {
            await NotifyAsync(connection, transaction, new TaskNotification(@namespace, taskQueue, workflowType, null), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        activity?.SetTag("released", released.Count);
        return released;
    }

    /// <summary>Whether any RUNNING run's lease has passed (not traced: the expiry loop's poll, mostly answered "no").</summary>
    public async Task<bool> AnyExpiredAsync(CancellationToken cancellationToken)
    {
        using var suppressed = SuppressTracing();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT EXISTS (SELECT 1 FROM workflows.runs WHERE state = 'RUNNING' AND lease_expires_at < now())");
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>
    /// How long until the earliest future time a PENDING or SLEEPING run becomes ready, by the database's clock
    /// (null: none). Not traced: the due-time loop's poll.
    /// </summary>
    public async Task<TimeSpan?> UntilNextDueAsync(CancellationToken cancellationToken)
    {
        using var suppressed = SuppressTracing();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT min(available_at) - now() FROM workflows.runs WHERE state IN ('PENDING', 'SLEEPING') AND available_at > now()");
        return await command.ExecuteScalarAsync(cancellationToken) is TimeSpan until ? until : null;
    }

    /// <summary>
    /// The (namespace, task_queue, workflow_type) of runs ready now (PENDING and available, or SLEEPING and due), at
    /// most <paramref name="limit"/>: whom the due-time loop wakes. Not traced.
    /// </summary>
    public async Task<IReadOnlyList<(string Namespace, string TaskQueue, string WorkflowType)>> ReadyQueuesAsync(int limit, CancellationToken cancellationToken)
    {
        using var suppressed = SuppressTracing();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT DISTINCT namespace, task_queue, workflow_type FROM workflows.runs
            WHERE state IN ('PENDING', 'SLEEPING') AND available_at <= now()
            LIMIT $1
            """, limit);
        var queues = new List<(string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            queues.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return queues;
    }

    /// <summary>Runs by state, and how many are ready to hand out (not traced: the metrics refresher's poll).</summary>
    public async Task<RunCounts> CountAsync(CancellationToken cancellationToken)
    {
        using var suppressed = SuppressTracing();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT state, count(*), count(*) FILTER (WHERE state IN ('PENDING', 'SLEEPING') AND available_at <= now())
            FROM workflows.runs GROUP BY state
            """);
        var byState = RunStates.All.ToDictionary(s => s, _ => 0L);
        long ready = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            byState[reader.GetString(0)] = reader.GetInt64(1);
            ready += reader.GetInt64(2);
        }

        return new RunCounts(byState, ready);
    }

    private async Task<RunRow> FinishAsync(Guid runId, Guid workerId, string state, string? output, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockOwnedRunAsync(connection, transaction, runId, workerId, cancellationToken);
        await using var command = Command(connection, transaction, $"""
            UPDATE workflows.runs SET state = $2, output = $3::jsonb, error = $4, finished_at = now(), updated_at = now(),
                worker_id = NULL, lease_expires_at = NULL, wake_at = NULL
            WHERE id = $1
            RETURNING {RunRow.Columns}
            """, runId, state, output, error);
        var run = await ReadRunAsync(command, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return run!;
    }

    /// <summary>Background polls would flood the traces with root Npgsql spans: none is recorded while this is open.</summary>
    private static IDisposable SuppressTracing() => OpenTelemetry.SuppressInstrumentationScope.Begin();
}
