using System.Diagnostics;
using Npgsql;
using TraceApp.WorkflowServer.Queue;
using TraceApp.WorkflowServer.Runs;
using TraceApp.WorkflowServer.Telemetry;

namespace TraceApp.WorkflowServer.Store;

/// <summary>What every repository operation shares: positional commands, the run lock of worker RPCs, NOTIFY.</summary>
internal static class StoreCommands
{
    /// <summary>A command with positional parameters ($1, $2, …); null becomes SQL NULL (the SQL casts its type).</summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object?[] values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    /// <summary>A repository span (Internal) under the RPC's; Npgsql's spans come below it.</summary>
    public static Activity? StartSpan(string name, Guid? runId = null)
    {
        var activity = WorkflowServerTelemetry.Source.StartActivity(name);
        if (runId is { } id)
        {
            activity?.SetTag(WorkflowServerTelemetry.Tags.RunId, id.ToString());
        }

        return activity;
    }

    public static async Task<RunRow?> ReadRunAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? RunRow.Read(reader) : null;
    }

    /// <summary>
    /// Locks a run for a worker RPC: NOT_FOUND when unknown; FAILED_PRECONDITION when it is not RUNNING or is leased
    /// to another worker (cancelled, or its lease expired and another worker claimed it).
    /// </summary>
    public static async Task<RunRow> LockOwnedRunAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid runId, Guid workerId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"SELECT {RunRow.Columns} FROM workflows.runs WHERE id = $1 FOR UPDATE", runId);
        var run = await ReadRunAsync(command, cancellationToken) ?? throw WorkflowRejection.RunNotFound(runId);
        if (run.State != RunStates.Running)
        {
            throw WorkflowRejection.Precondition($"run {runId} is {run.State}, not RUNNING: this execution must stop");
        }

        if (run.WorkerId != workerId)
        {
            throw WorkflowRejection.Precondition($"run {runId} is leased to another worker (the lease expired): this execution must stop");
        }

        Activity.Current?.SetTag(WorkflowServerTelemetry.Tags.WorkflowType, run.WorkflowType);
        return run;
    }

    /// <summary>NOTIFY inside the caller's transaction: delivered when it commits, not before.</summary>
    public static async Task NotifyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TaskNotification notification, CancellationToken cancellationToken)
    {
        using var activity = WorkflowServerTelemetry.Source.StartActivity("queue.notify");
        activity?.SetTag("messaging.system", "postgresql");
        activity?.SetTag("messaging.destination.name", TaskNotification.Channel);
        activity?.SetTag(WorkflowServerTelemetry.Tags.Namespace, notification.Namespace);
        activity?.SetTag(WorkflowServerTelemetry.Tags.TaskQueue, notification.TaskQueue);
        await using var command = Command(connection, transaction, "SELECT pg_notify($1, $2)", TaskNotification.Channel, notification.Format());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
