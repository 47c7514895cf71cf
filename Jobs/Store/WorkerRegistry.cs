using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using TraceApp.Jobs.Contracts;

namespace TraceApp.Jobs.Store;

/// <summary>Workers register and heartbeat here, so <c>_all</c> knows who is live and dead holders are found.</summary>
public sealed class WorkerRegistry(NpgsqlDataSource dataSource, TimeProvider timeProvider, IOptions<JobStoreOptions> options)
{
    /// <summary>Registers the worker on its first heartbeat; later ones refresh its host, subjects and time.</summary>
    public async Task<WorkerInfo> HeartbeatAsync(WorkerRegistration worker, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentException.ThrowIfNullOrEmpty(worker.Name);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO workers (name, host, subjects, registered_at, last_heartbeat) VALUES ($1, $2, $3, $4, $4)
            ON CONFLICT (name) DO UPDATE SET host = excluded.host, subjects = excluded.subjects,
                last_heartbeat = GREATEST(workers.last_heartbeat, excluded.last_heartbeat)
            RETURNING name, host, subjects, registered_at, last_heartbeat
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = worker.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = worker.Host });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = worker.Subjects.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = timeProvider.GetUtcNow() });
        return (await JobRows.ReadAllAsync(command, Read, cancellationToken))[0];
    }

    /// <summary>Workers whose last heartbeat is within the heartbeat timeout, by name.</summary>
    public async Task<IReadOnlyList<WorkerInfo>> ListLiveAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT name, host, subjects, registered_at, last_heartbeat FROM workers WHERE last_heartbeat >= $1 ORDER BY name");
        command.Parameters.Add(new NpgsqlParameter { Value = timeProvider.GetUtcNow() - options.Value.HeartbeatTimeout });
        return await JobRows.ReadAllAsync(command, Read, cancellationToken);
    }

    /// <summary>The worker named <paramref name="name"/>, live or not; null when it never registered.</summary>
    public async Task<WorkerInfo?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT name, host, subjects, registered_at, last_heartbeat FROM workers WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        var found = await JobRows.ReadAllAsync(command, Read, cancellationToken);
        return found.Count == 1 ? found[0] : null;
    }

    private static WorkerInfo Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2),
        reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4));
}
