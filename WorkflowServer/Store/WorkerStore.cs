using Npgsql;
using TraceApp.WorkflowServer.Queue;
using TraceApp.WorkflowServer.Runs;
using TraceApp.WorkflowServer.Telemetry;
using static TraceApp.WorkflowServer.Store.StoreCommands;

namespace TraceApp.WorkflowServer.Store;

/// <summary>A registered worker: where it polls and what it runs.</summary>
public sealed record WorkerRow(Guid Id, string Namespace, string TaskQueue, IReadOnlyList<string> WorkflowTypes, bool Draining);

/// <summary>Worker registrations, heartbeats (which extend the leases of the worker's runs) and deregistration.</summary>
public sealed class WorkerStore(NpgsqlDataSource dataSource)
{
    public async Task<Guid> RegisterAsync(
        string @namespace, string taskQueue, IReadOnlyList<string> workflowTypes, string identity, int maxConcurrency, CancellationToken cancellationToken)
    {
        using var activity = StartSpan("worker.register");
        var id = Guid.CreateVersion7();
        activity?.SetTag(WorkflowServerTelemetry.Tags.WorkerId, id.ToString());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, """
            INSERT INTO workflows.workers (id, namespace, task_queue, workflow_types, identity, max_concurrency)
            VALUES ($1, $2, $3, $4, $5, $6)
            """, id, @namespace, taskQueue, workflowTypes.ToArray(), identity, maxConcurrency);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return id;
    }

    /// <summary>The worker (its last heartbeat now), or NOT_FOUND: PollTask's check that it is registered.</summary>
    public async Task<WorkerRow> TouchAsync(Guid workerId, CancellationToken cancellationToken)
    {
        using var activity = StartSpan("worker.touch");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, """
            UPDATE workflows.workers SET last_heartbeat = now() WHERE id = $1
            RETURNING namespace, task_queue, workflow_types, draining
            """, workerId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new WorkerRow(workerId, reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetBoolean(3))
            : throw WorkflowRejection.WorkerNotFound(workerId);
    }

    /// <summary>Extends the leases of the listed runs the worker holds (others are ignored); returns whether it should drain.</summary>
    public async Task<(bool Draining, long Extended)> HeartbeatAsync(Guid workerId, IReadOnlyList<Guid> runIds, TimeSpan lease, CancellationToken cancellationToken)
    {
        using var activity = StartSpan("worker.heartbeat");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, """
            WITH w AS (UPDATE workflows.workers SET last_heartbeat = now() WHERE id = $1 RETURNING draining),
            r AS (
                UPDATE workflows.runs SET lease_expires_at = now() + $3, updated_at = now()
                WHERE id = ANY($2::uuid[]) AND worker_id = $1 AND state = 'RUNNING' AND EXISTS (SELECT 1 FROM w)
                RETURNING id)
            SELECT draining, (SELECT count(*) FROM r) FROM w
            """, workerId, runIds.ToArray(), lease);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw WorkflowRejection.WorkerNotFound(workerId);
        }

        var result = (reader.GetBoolean(0), reader.GetInt64(1));
        activity?.SetTag("leases_extended", result.Item2);
        return result;
    }

    /// <summary>Forgets the worker; its RUNNING runs go back to PENDING at once and their queues are notified.</summary>
    public async Task<int> DeregisterAsync(Guid workerId, CancellationToken cancellationToken)
    {
        using var activity = StartSpan("worker.deregister");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var delete = Command(connection, transaction, "DELETE FROM workflows.workers WHERE id = $1", workerId);
        if (await delete.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw WorkflowRejection.WorkerNotFound(workerId);
        }

        await using var release = Command(connection, transaction, """
            UPDATE workflows.runs SET state = 'PENDING', worker_id = NULL, lease_expires_at = NULL, available_at = now(), updated_at = now()
            WHERE worker_id = $1 AND state = 'RUNNING'
            RETURNING namespace, task_queue, workflow_type
            """, workerId);
        var queues = new HashSet<(string, string, string)>();
        var released = 0;
        await using (var reader = await release.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                released++;
                queues.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var (@namespace, taskQueue, workflowType) in queues)
        {
            await NotifyAsync(connection, transaction, new TaskNotification(@namespace, taskQueue, workflowType, null), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        activity?.SetTag("runs_released", released);
        return released;
    }
}
