using System.Text.Json;
using Npgsql;
using TraceApp.Jobs.Contracts;

namespace TraceApp.Jobs.Store;

/// <summary>Single statements the job operations compose inside their transactions.</summary>
public sealed partial class JobStore
{
    private static async Task<Job> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand($"SELECT {JobRows.JobColumns} FROM jobs WHERE id = $1 FOR UPDATE", connection, transaction)
        {
            Parameters = { JobRows.Value(id) },
        };
        var found = await JobRows.ReadAllAsync(select, JobRows.ReadJob, cancellationToken);
        return found.Count == 1 ? found[0] : throw new JobNotFoundException(id);
    }

    private async Task<Job> UpdateStatusAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, JobStatus status, string? error, bool finished, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var update = new NpgsqlCommand($"""
            UPDATE jobs SET status = $2, error = $3, updated_at = $4, ack_deadline = NULL,
                            finished_at = CASE WHEN $5 THEN $4 ELSE finished_at END
            WHERE id = $1
            RETURNING {JobRows.JobColumns}
            """, connection, transaction)
        {
            Parameters = { JobRows.Value(id), JobRows.Value(status.ToStorage()), JobRows.Text(error), JobRows.Value(now), JobRows.Value(finished) },
        };
        return (await JobRows.ReadAllAsync(update, JobRows.ReadJob, cancellationToken))[0];
    }

    private static async Task<bool> HasEventAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, JobEventType type, string worker, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT 1 FROM job_events WHERE job_id = $1 AND type = $2 AND worker = $3 LIMIT 1", connection, transaction)
        {
            Parameters = { JobRows.Value(id), JobRows.Value(type.ToStorage()), JobRows.Value(worker) },
        };
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task<bool> HasResultAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, string worker, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT 1 FROM job_results WHERE job_id = $1 AND worker = $2", connection, transaction)
        {
            Parameters = { JobRows.Value(id), JobRows.Value(worker) },
        };
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <returns><c>false</c> when this worker's result was already there.</returns>
    private async Task<bool> InsertResultAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, string worker, string host, JsonElement? payload, string? error, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO job_results (job_id, worker, host, payload, error, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (job_id, worker) DO NOTHING
            """, connection, transaction)
        {
            Parameters =
            {
                JobRows.Value(id), JobRows.Value(worker), JobRows.Value(host), JobRows.Json(payload), JobRows.Text(error),
                JobRows.Value(timeProvider.GetUtcNow()),
            },
        };
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
