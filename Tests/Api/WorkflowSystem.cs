using System.Net.Http.Json;
using System.Text.Json;
using TraceApp.Tests.Infrastructure;
using TraceApp.Tests.Infrastructure.Processes;

namespace TraceApp.Tests.Api;

/// <summary>
/// The workflow entry points for a collection: a throw-away PostgreSQL and nats-server, WorkflowServer on them, the
/// built Api and one Worker (with the sample workflows) pointed at it through <c>Workflows:ServerAddress</c>, all
/// tracing. A run started on <see cref="IdleTaskQueue"/> stays pending: no worker polls that queue.
/// </summary>
public sealed class WorkflowSystem : IAsyncLifetime
{
    public const string IdleTaskQueue = "nobody-polls-this";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly ApiServers _servers = new();
    private RunningProgram? _workflowServer;
    private RunningProgram? _api;
    private RunningProgram? _worker;

    public Uri ApiUrl { get; private set; } = null!;

    /// <summary>WorkflowServer's gRPC (HTTP/2 cleartext) address.</summary>
    public Uri WorkflowServerAddress { get; private set; } = null!;

    public RunningProgram Api => _api ?? throw new InvalidOperationException("Not started.");

    public RunningProgram Worker => _worker ?? throw new InvalidOperationException("Not started.");

    public RunningProgram WorkflowServer => _workflowServer ?? throw new InvalidOperationException("Not started.");

    public HttpClient Http { get; } = TestHttp.CreateClient(TestTokens.Admin);

    public async Task InitializeAsync()
    {
        await _servers.InitializeAsync();
        var tracing = new Dictionary<string, string?> { ["TRACEAPP_TELEMETRY_TRACING_ENABLED"] = "true" };
        var grpcPort = FreePort.Next();
        var httpPort = FreePort.Next();
        WorkflowServerAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        _workflowServer = RunningProgram.Start("WorkflowServer", _servers.Environment(new Dictionary<string, string?>(tracing)
        {
            ["Kestrel__Endpoints__Grpc__Url"] = WorkflowServerAddress.ToString(),
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort}",
        }));
        var withServer = new Dictionary<string, string?>(tracing) { ["Workflows__ServerAddress"] = WorkflowServerAddress.ToString() };
        (_api, ApiUrl) = await RunningProgram.StartWebAsync("Api", _servers.Environment(withServer));
        _worker = RunningProgram.Start("Worker", _servers.Environment(new Dictionary<string, string?>(withServer)
        {
            ["Worker__Name"] = "workflow-worker",
            ["Worker__HostName"] = "workflow-host",
        }));
        using var health = TestHttp.CreateClient();
        await Eventually.WaitUntilAsync(
            async () => (await health.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/health"))).IsSuccessStatusCode,
            RunningProgram.StartTimeout, "WorkflowServer's /health", isTransient: e => e is HttpRequestException);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        foreach (var program in new[] { _worker, _api, _workflowServer })
        {
            if (program is not null)
            {
                await program.DisposeAsync();
            }
        }

        await _servers.DisposeAsync();
    }

    public Task<HttpResponseMessage> PostAsync(string path, object? body, TraceParent? caller = null, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(ApiUrl, path)) { Content = body is null ? null : JsonContent.Create(body) };
        return SendAsync(request, caller, token);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token = null) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(ApiUrl, path)), null, token);

    /// <summary>Starts a run that must be accepted and returns its id.</summary>
    public async Task<string> StartAsync(object body, TraceParent? caller = null)
    {
        using var response = await PostAsync("/workflows", body, caller);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted,
            $"POST /workflows: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}{Environment.NewLine}{Api.Process.Tail()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls <c>GET /workflows/{id}</c> until the run is in <paramref name="state"/>; returns it.</summary>
    public async Task<JsonElement> WaitForStateAsync(string runId, string state)
    {
        JsonElement run = default;
        try
        {
            await Eventually.WaitUntilAsync(
                async () =>
                {
                    run = await GetJsonAsync($"/workflows/{runId}");
                    return run.GetProperty("state").GetString() == state;
                },
                Timeout, $"run {runId} to be {state}");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Last: {run}{Environment.NewLine}{Describe()}", e);
        }

        return run;
    }

    /// <summary>The programs' last output lines, for failure messages.</summary>
    public string Describe() => string.Join(
        Environment.NewLine,
        new[] { _workflowServer, _api, _worker }.OfType<RunningProgram>().Select(p => p.Process.Tail()));

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, TraceParent? caller, string? token)
    {
        using var _ = request;
        if (caller is not null)
        {
            request.Headers.Add("traceparent", caller.Header);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request);
    }
}

/// <summary>The Api and CLI workflow tests share one <see cref="WorkflowSystem"/>.</summary>
[CollectionDefinition(Name)]
public sealed class WorkflowSystemCollection : ICollectionFixture<WorkflowSystem>
{
    public const string Name = "WorkflowSystem";
}
