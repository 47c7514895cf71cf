using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using TraceApp.Cli.Dashboard;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.AppHost;

/// <summary>
/// Traces asserted on what the Aspire dashboard received (its telemetry HTTP API), so they prove the dashboard shows
/// them: trace ids, parent span ids and service names across processes the AppHost started.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class DashboardTraceTests(AppHostFixture fixture)
{
    private static readonly TimeSpan TelemetryTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ApiRequestWithCallersTraceparentReachesTheDashboardAsTheCallersChild()
    {
        var caller = TraceParent.New();

        var apiSpan = await ApiVersionRequestAsync(fixture, caller);

        Assert.Equal("api", apiSpan.ServiceName);
        Assert.Equal(caller.TraceId, apiSpan.TraceId);
        Assert.Equal(caller.SpanId, apiSpan.ParentSpanId);
        Assert.Equal(DashboardSpan.KindServer, apiSpan.Kind);
        Assert.Equal("GET /version", apiSpan.Name);
        Assert.Equal("200", apiSpan.Attributes.GetValueOrDefault("http.response.status_code"));

        // The trace as the dashboard's trace page loads it: the same span, nothing of another trace.
        var trace = await fixture.Telemetry.GetTraceAsync(caller.TraceId);
        Assert.Contains(trace, s => s.SpanId == apiSpan.SpanId && s.ParentSpanId == caller.SpanId);
        Assert.All(trace, s => Assert.Equal(caller.TraceId, s.TraceId));
    }

    [Fact]
    public async Task ApiLogWrittenInsideTheRequestIsCorrelatedToItsSpanAtTheDashboard()
    {
        var caller = TraceParent.New();
        var apiSpan = await ApiVersionRequestAsync(fixture, caller);

        var logs = await fixture.Telemetry.WaitForLogsAsync(
            caller.TraceId,
            received => received.Any(l => l.Body.StartsWith("serving version", StringComparison.Ordinal)),
            TelemetryTimeout,
            "the api's 'serving version' log of the request");

        var log = Assert.Single(logs, l => l.Body.StartsWith("serving version", StringComparison.Ordinal));
        Assert.Equal("api", log.ServiceName);
        Assert.Equal(caller.TraceId, log.TraceId);
        Assert.Equal(apiSpan.SpanId, log.SpanId);
    }

    [Fact]
    public void TestAppRunsOnRandomPortsNotTheFixedOnesOfADevelopersApp()
    {
        // DcpPublisher:RandomizePorts (the testing builder's default) moves the AppHost's fixed ports.
        Assert.NotEqual(5080, fixture.App.GetEndpoint("api", "http").Port);
        Assert.NotEqual(5090, fixture.App.GetEndpoint("workflowserver", "grpc").Port);
        Assert.NotEqual(5091, fixture.App.GetEndpoint("workflowserver", "http").Port);
        Assert.NotEqual(18888, fixture.DashboardUrl.Port);
    }

    [Fact]
    public async Task TelemetryApiAnswersOnlyWithTheApiKey()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.DashboardUrl, Timeout = TimeSpan.FromSeconds(30) };
        using var rejected = await anonymous.GetAsync(new Uri("/api/telemetry/spans", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, rejected.StatusCode);

        var (status, _) = await fixture.Telemetry.GetAsync("/api/telemetry/spans?limit=1");
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task EveryServiceSendsItsTelemetryToTheDashboard()
    {
        string[] services = ["api", "worker", "workflowserver"];

        var logs = await fixture.Telemetry.WaitForLogsAsync(
            traceId: null,
            received => services.All(service => received.Any(l => l.ServiceName == service)),
            TelemetryTimeout,
            "logs from " + string.Join(", ", services));

        Assert.All(services, service => Assert.Contains(logs, l => l.ServiceName == service));
    }

    [Fact]
    public async Task CliTraceReachesTheDashboardWithTheApiSpanAsItsChild()
    {
        using var timeout = new CancellationTokenSource(AppHostFixture.StartTimeout);
        var notifications = fixture.App.ResourceNotifications;

        // cli is started on request (WithExplicitStart): the dashboard's Start command, run from here.
        var result = await fixture.App.ResourceCommands.ExecuteCommandAsync("cli", KnownResourceCommands.StartCommand, timeout.Token);
        Assert.True(result.Success, $"Starting cli failed: {result.Message}");
        var finished = await notifications.WaitForResourceAsync(
            "cli", e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token);
        Assert.Equal(0, finished.Snapshot.ExitCode);

        // `traceapp client node hostname` is one trace: the CLI's root span, its HTTP client span, and the api's server span under it.
        // The CLI has exited (and flushed its exporter), so its spans are on their way or were never sent.
        var spans = await fixture.Telemetry.WaitForSpansAsync(
            traceId: null,
            received => received.Any(api => IsApiSpanUnderCli(api, received)),
            TimeSpan.FromSeconds(30),
            "a cli span with the api's 'GET /node/hostname' server span as its child (the CLI must export its spans over OTLP)");

        var apiSpan = spans.First(api => IsApiSpanUnderCli(api, spans));
        var trace = await fixture.Telemetry.GetTraceAsync(apiSpan.TraceId);
        var cliSpans = trace.Where(s => s.ServiceName == "cli").ToList();
        var cliRoot = Assert.Single(cliSpans, s => s.ParentSpanId is null);
        Assert.Equal("traceapp client node hostname", cliRoot.Name);
        var cliClient = Assert.Single(cliSpans, s => s.SpanId == apiSpan.ParentSpanId);
        Assert.Equal(DashboardSpan.KindClient, cliClient.Kind);
        Assert.True(cliClient.IsDescendantOf(cliRoot, trace), $"The CLI's HTTP span is not under its root span:{Environment.NewLine}{string.Join(Environment.NewLine, trace)}");
        Assert.All(trace, s => Assert.Equal(cliRoot.TraceId, s.TraceId));
    }

    /// <summary>Sends <c>GET /version</c> to the api with <paramref name="caller"/>'s traceparent; returns the api's span at the dashboard.</summary>
    internal static async Task<DashboardSpan> ApiVersionRequestAsync(AppHostFixture fixture, TraceParent caller)
    {
        using var api = fixture.CreateApiClient();
        using var response = await api.SendAsync(caller.Get(api.BaseAddress!, "/version"));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("traceapp-api", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var spans = await fixture.Telemetry.WaitForSpansAsync(
            caller.TraceId,
            received => received.Any(s => s.ServiceName == "api" && s.Kind == DashboardSpan.KindServer),
            TelemetryTimeout,
            "the api's server span of GET /version");
        return spans.Single(s => s.ServiceName == "api" && s.Kind == DashboardSpan.KindServer);
    }

    private static bool IsApiSpanUnderCli(DashboardSpan api, IReadOnlyList<DashboardSpan> spans) =>
        api.ServiceName == "api" && api.Kind == DashboardSpan.KindServer && api.Name == "GET /node/hostname"
        && spans.Any(cli => cli.ServiceName == "cli" && cli.TraceId == api.TraceId && cli.SpanId == api.ParentSpanId);
}
