using TraceApp.Tests.Infrastructure.Servers;

namespace TraceApp.Tests.Api;

/// <summary>
/// The Api's dependencies for a test class: a throw-away PostgreSQL and nats-server, and the environment that points
/// the Api at them (as the AppHost's <c>ConnectionStrings__traceapp</c> and <c>ConnectionStrings__nats</c>).
/// </summary>
public sealed class ApiServers : IAsyncLifetime
{
    private PostgresServerProcess? _postgres;
    private NatsServerProcess? _nats;

    public PostgresServerProcess Postgres => _postgres ?? throw new InvalidOperationException("Not started.");

    public NatsServerProcess Nats => _nats ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        var postgres = PostgresServerProcess.StartNewAsync();
        var nats = NatsServerProcess.StartNewAsync();
        try
        {
            _postgres = await postgres;
        }
        finally
        {
            _nats = await nats;
        }
    }

    public async Task DisposeAsync()
    {
        if (_nats is not null)
        {
            await _nats.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    /// <summary>The connection strings, with <paramref name="more"/> on top.</summary>
    public Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string?>? more = null)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ConnectionStrings__traceapp"] = Postgres.ConnectionString,
            ["ConnectionStrings__nats"] = Nats.ConnectionString,
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        return environment;
    }
}
