using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using TraceApp.Tests.Api;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Dispatch;

/// <summary>
/// The Api and two Worker processes (worker-1, worker-2) with short timeouts on a throw-away PostgreSQL and
/// nats-server that tests may stop and start again; a test may start more workers (to kill one). Jobs are submitted
/// through <c>POST /job</c> and followed in the store.
/// </summary>
public sealed class FaultSystem() : JobsApiFixture(ShortTimeouts.Environment(), ShortTimeouts.StoreOptions)
{
    public static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(60);

    private readonly List<RunningProgram> _workers = [];

    public IReadOnlyList<string> WorkerNames { get; } = ["worker-1", "worker-2"];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var name in WorkerNames)
        {
            await StartWorkerAsync(name);
        }
    }

    public override async Task DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>Starts a worker (stopped with the fixture) and returns it once it listens and has registered.</summary>
    public async Task<RunningProgram> StartWorkerAsync(string name)
    {
        var worker = RunningProgram.Start("Worker", Servers.Environment(ShortTimeouts.Environment(new Dictionary<string, string?>
        {
            ["Worker__Name"] = name,
            ["Worker__HostName"] = name,
        })));
        _workers.Add(worker);
        await worker.Output.WaitForLineAsync(l => l.Contains(" listening on jobs.", StringComparison.Ordinal), RecoveryTimeout);
        await Eventually.WaitUntilAsync(
            async () => (await Workers.ListLiveAsync()).Any(w => w.Name == name), RecoveryTimeout, $"{name} to register", IsDatabaseDown);
        return worker;
    }

    /// <summary>
    /// POSTs <paramref name="count"/> jobs, 8 at a time, <paramref name="bodyOf"/>(i) each; returns the ids of those
    /// accepted (202) and how many were refused with 503.
    /// </summary>
    public async Task<(IReadOnlyList<Guid> Accepted, int Unavailable)> SubmitManyAsync(int count, Func<int, object> bodyOf)
    {
        var accepted = new List<Guid>();
        var unavailable = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            using var response = await SubmitAsync(bodyOf(i));
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                lock (accepted)
                {
                    accepted.Add(id);
                }
            }
            else
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Interlocked.Increment(ref unavailable);
            }
        });
        return (accepted, unavailable);
    }

    /// <summary>Jobs created since <paramref name="since"/> that completed (by the store's clock, the machine's).</summary>
    public async Task<long> CompletedSinceAsync(DateTimeOffset since)
    {
        await using var command = DataSource.CreateCommand("SELECT count(*) FROM jobs WHERE status = 'completed' AND created_at >= $1");
        command.Parameters.Add(new NpgsqlParameter { Value = since });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Whether <paramref name="worker"/> (or any worker) is running a job of <paramref name="operation"/> now.</summary>
    public async Task<bool> IsRunningAsync(string? worker, string operation)
    {
        await using var command = DataSource.CreateCommand(
            "SELECT count(*) FROM jobs WHERE ($1::text IS NULL OR worker = $1) AND status = 'running' AND operation = $2");
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)worker ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = operation });
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    /// <summary>Waits until every job of <paramref name="ids"/> is finished (the database may be down for a while).</summary>
    public Task WaitUntilFinishedAsync(IReadOnlyList<Guid> ids) => Eventually.WaitUntilAsync(
        async () =>
        {
            await using var command = DataSource.CreateCommand("SELECT count(*) FROM jobs WHERE id = ANY($1) AND status IN ('completed', 'failed')");
            command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
            return (long)(await command.ExecuteScalarAsync())! == ids.Count;
        },
        RecoveryTimeout, $"all {ids.Count} jobs to finish", IsDatabaseDown);

    /// <summary>Every job's status and its events (type, worker), oldest first.</summary>
    public async Task<IReadOnlyDictionary<Guid, JobRun>> RunsAsync(IReadOnlyList<Guid> ids)
    {
        await using var command = DataSource.CreateCommand("""
            SELECT j.id, j.status, e.type, e.worker, e.message FROM jobs j JOIN job_events e ON e.job_id = j.id
            WHERE j.id = ANY($1) ORDER BY e.id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        var runs = new Dictionary<Guid, JobRun>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var id = reader.GetGuid(0);
            if (!runs.TryGetValue(id, out var run))
            {
                runs[id] = run = new JobRun(id, reader.GetString(1), []);
            }

            run.Events.Add((reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return runs;
    }

    public static bool IsDatabaseDown(Exception exception) => exception is NpgsqlException or TimeoutException { InnerException: NpgsqlException };
}

/// <summary>A job's final status and its history as (event type, worker, message).</summary>
public sealed record JobRun(Guid Id, string Status, List<(string Type, string? Worker, string? Message)> Events)
{
    public int Count(string type, string? worker = null) => Events.Count(e => e.Type == type && (worker is null || e.Worker == worker));

    public IEnumerable<string?> WorkersOf(string type) => Events.Where(e => e.Type == type).Select(e => e.Worker);
}
