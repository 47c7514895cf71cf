using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TraceApp.Hosting.Postgres;
using TraceApp.Jobs.Store;
using TraceApp.Tests.Infrastructure.Servers;

namespace TraceApp.Tests.Jobs;

/// <summary>One throw-away PostgreSQL per test class; each test takes a fresh database of its own from it.</summary>
public sealed class JobStoreDatabases : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<NpgsqlDataSource> _dataSources = [];
    private PostgresServerProcess? _server;

    public async Task InitializeAsync() => _server = await PostgresServerProcess.StartNewAsync();

    public async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A new, empty database.</summary>
    public async Task<NpgsqlDataSource> CreateDatabaseAsync()
    {
        var server = _server ?? throw new InvalidOperationException("The PostgreSQL server is not started.");
        var name = "jobs_" + Guid.NewGuid().ToString("N");
        await PostgresSetup.CreateDatabaseAsync(server.ConnectionString, name, CancellationToken.None);
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString);
        lock (_dataSources)
        {
            _dataSources.Add(dataSource);
        }

        return dataSource;
    }

    /// <summary>A new, migrated database with a store whose clock stands at <see cref="Start"/> until the test moves it.</summary>
    public async Task<JobStoreUnderTest> CreateStoreAsync()
    {
        var dataSource = await CreateDatabaseAsync();
        await NewMigrator(dataSource).MigrateAsync();
        var time = new FakeTimeProvider(Start);
        var options = Options.Create(new JobStoreOptions());
        return new JobStoreUnderTest(dataSource, new JobStore(dataSource, time, options), new WorkerRegistry(dataSource, time, options), time, options.Value);
    }

    public static JobStoreMigrator NewMigrator(NpgsqlDataSource dataSource) => new(dataSource, NullLogger<JobStoreMigrator>.Instance);
}

public sealed record JobStoreUnderTest(NpgsqlDataSource DataSource, JobStore Store, WorkerRegistry Workers, FakeTimeProvider Time, JobStoreOptions Options);
