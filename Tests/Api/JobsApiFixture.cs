using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using Npgsql;
using TraceApp.Jobs.Contracts;
using TraceApp.Jobs.Store;
using TraceApp.Messaging;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Api;

/// <summary>
/// The built Api as a child process (tracing on, so NATS.Net sends trace headers) on a throw-away PostgreSQL and
/// nats-server, a NATS subscriber on <c>jobs.&gt;</c> that records every dispatch, and the store itself to play
/// a worker's part (heartbeat, claim, complete). Subclasses give the Api more settings and the store other timeouts.
/// </summary>
public class JobsApiFixture : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly ApiServers _servers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<NatsMsg<byte[]>> _messages = new();
    private RunningProgram? _api;
    private NatsConnection? _nats;
    private NpgsqlDataSource? _dataSource;
    private readonly IReadOnlyDictionary<string, string?> _apiEnvironment;
    private readonly JobStoreOptions _storeOptions;
    private Task _subscription = Task.CompletedTask;

    public JobsApiFixture()
        : this(new Dictionary<string, string?>(), new JobStoreOptions())
    {
    }

    /// <summary>The Api gets <paramref name="apiEnvironment"/> on top; the test's store uses <paramref name="storeOptions"/>.</summary>
    protected JobsApiFixture(IReadOnlyDictionary<string, string?> apiEnvironment, JobStoreOptions storeOptions)
    {
        _apiEnvironment = apiEnvironment;
        _storeOptions = storeOptions;
    }

    public ApiServers Servers => _servers;

    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("Not started.");

    public Uri Address { get; private set; } = null!;

    public HttpClient Http { get; } = TestHttp.CreateClient(TestTokens.Admin);

    public JobStore Store { get; private set; } = null!;

    public WorkerRegistry Workers { get; private set; } = null!;

    public RunningProgram Api => _api ?? throw new InvalidOperationException("Not started.");

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public virtual async Task InitializeAsync()
    {
        await _servers.InitializeAsync();
        _nats = new NatsConnection(NatsConnectionString.Parse(_servers.Nats.ConnectionString));
        var subscription = await _nats.SubscribeCoreAsync<byte[]>("jobs.>", cancellationToken: _stop.Token);
        await _nats.PingAsync(_stop.Token);
        _subscription = ReceiveAsync(subscription);

        var environment = new Dictionary<string, string?>(_apiEnvironment) { ["TRACEAPP_TELEMETRY_TRACING_ENABLED"] = "true" };
        (_api, Address) = await RunningProgram.StartWebAsync("Api", _servers.Environment(environment));
        _dataSource = NpgsqlDataSource.Create(_servers.Postgres.ConnectionString);
        var options = Options.Create(_storeOptions);
        Store = new JobStore(_dataSource, TimeProvider.System, options);
        Workers = new WorkerRegistry(_dataSource, TimeProvider.System, options);
    }

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        await _stop.CancelAsync();
        await _subscription;
        if (_nats is not null)
        {
            await _nats.DisposeAsync();
        }

        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        await _servers.DisposeAsync();
        _stop.Dispose();
    }

    /// <summary>POST /job with <paramref name="body"/> (any JSON value) and the caller's traceparent.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(object body, TraceParent? caller = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Address, "/job")) { Content = JsonContent.Create(body) };
        if (caller is not null)
        {
            request.Headers.Add("traceparent", caller.Header);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Submits a job that must be accepted and returns its id.</summary>
    public async Task<Guid> SubmitAcceptedAsync(object body, TraceParent? caller = null)
    {
        using var response = await SubmitAsync(body, caller);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted,
            $"POST /job: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}{Environment.NewLine}{Api.Process.Tail()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(Address, path));
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The dispatch of job <paramref name="id"/> that the subscriber received (waits for it).</summary>
    public async Task<NatsMsg<byte[]>> WaitForDispatchAsync(Guid id)
    {
        NatsMsg<byte[]> found = default;
        await Eventually.WaitUntilAsync(
            () => _messages.Any(m => IsDispatchOf(m, id, out found)), Timeout, $"the dispatch of job {id}");
        return found;
    }

    /// <summary>How many dispatches of job <paramref name="id"/> arrived so far.</summary>
    public int DispatchCount(Guid id) => DispatchesOf(id).Count;

    /// <summary>The dispatches of job <paramref name="id"/> that arrived so far, in order.</summary>
    public IReadOnlyList<NatsMsg<byte[]>> DispatchesOf(Guid id) => [.. _messages.Where(m => IsDispatchOf(m, id, out _))];

    /// <summary>A worker that heartbeats now, so it is live for <c>_all</c>.</summary>
    public Task HeartbeatAsync(string name) =>
        Workers.HeartbeatAsync(new WorkerRegistration(name, name, JobSubjects.ForWorker(JobKind.Query, name)));

    private static bool IsDispatchOf(NatsMsg<byte[]> message, Guid id, out NatsMsg<byte[]> found)
    {
        found = message;
        return message.Data is { } data && JobDispatch.TryParse(data)?.JobId == id;
    }

    private async Task ReceiveAsync(INatsSub<byte[]> subscription)
    {
        await using var _ = subscription;
        try
        {
            await foreach (var message in subscription.Msgs.ReadAllAsync(_stop.Token))
            {
                _messages.Enqueue(message);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }
}
