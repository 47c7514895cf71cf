using System.Net.Http.Json;
using System.Text.Json;
using TraceApp.Tests.Infrastructure;
using TraceApp.Tests.Worker;

namespace TraceApp.Tests.Api;

/// <summary>
/// The built Api in front of two built Workers (<see cref="TwoWorkers"/>: worker-a on host <c>alpha</c>, worker-b
/// on host <c>beta</c>) on a throw-away PostgreSQL and nats-server. The Api's fallback read of the store is every
/// <see cref="FallbackInterval"/>, longer than a notified round trip, so tests can tell the two apart; its default
/// wait is <see cref="SyncTimeout"/>, short enough to see it expire.
/// </summary>
public sealed class SyncApiFixture : IAsyncLifetime
{
    public static readonly TimeSpan FallbackInterval = TimeSpan.FromSeconds(5);

    /// <summary>The Api's <c>Api:SyncTimeout</c>: the wait of a request without <c>timeout</c>.</summary>
    public static readonly TimeSpan SyncTimeout = TimeSpan.FromSeconds(6);

    private RunningProgram? _api;

    public TwoWorkers Workers { get; } = new();

    public Uri Address { get; private set; } = null!;

    public HttpClient Http { get; } = TestHttp.CreateClient(TestTokens.Admin);

    public RunningProgram Api => _api ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        await Workers.InitializeAsync();
        (_api, Address) = await RunningProgram.StartWebAsync("Api", new Dictionary<string, string?>
        {
            ["ConnectionStrings__traceapp"] = Workers.Postgres.ConnectionString,
            ["ConnectionStrings__nats"] = Workers.NatsServer.ConnectionString,
            ["Api__FallbackInterval"] = FallbackInterval.ToString(),
            ["Api__SyncTimeout"] = SyncTimeout.ToString(),
        });
        await _api.Output.WaitForLineAsync(l => l.Contains("Listening for finished jobs on jobs.finished.*", StringComparison.Ordinal), WorkerSystem.Timeout);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        await Workers.DisposeAsync();
    }

    public async Task<HttpResponseMessage> GetAsync(string path) => await Http.GetAsync(new Uri(Address, path));

    public async Task<HttpResponseMessage> PingAsync(object body, string query = "") =>
        await Http.PostAsJsonAsync(new Uri(Address, "/network/ping" + query), body);

    /// <summary>The body of a 200 answer (the job's details), failing with the Api's output otherwise.</summary>
    public async Task<JsonElement> FinishedJobAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}{Environment.NewLine}{Api.Process.Tail()}");
        return JsonDocument.Parse(text).RootElement;
    }
}
