using Aspire.Hosting.Testing;
using TraceApp.Cli.Configuration;
using TraceApp.Cli.Dashboard;
using TraceApp.Cli.Output;
using TraceApp.Tests.Cli;
using TraceApp.Tests.Infrastructure.Processes;

namespace TraceApp.Tests.AppHost;

/// <summary>
/// The traceapp CLI as a real process against the running AppHost, configured only by the <c>.traceapp/cli.json</c>
/// the AppHost wrote (found from a folder below it): one trace from the CLI's root span to the worker's database
/// calls at the dashboard, the trace id in every process's logs, and <c>traceapp trace</c> printing that trace.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class CliEndToEndTests(AppHostFixture fixture)
{
    private const int KindProducer = DashboardSpan.KindProducer;
    private const int KindConsumer = 5;
    private static readonly TimeSpan TelemetryTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_apphost_writes_the_cli_config_readable_by_its_owner_only()
    {
        var file = CliConfigFile.Read(fixture.CliConfigPath);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fixture.CliConfigPath));
        Assert.Equal(fixture.App.GetEndpoint("api", "http"), new Uri(file.ApiUrl!));
        Assert.Equal(fixture.DashboardUrl, new Uri(new Uri(file.DashboardUrl!).GetLeftPart(UriPartial.Authority)));
        Assert.Equal(fixture.DashboardApiKey, file.DashboardApiKey);
        Assert.StartsWith("x-otlp-api-key=", file.OtlpHeaders, StringComparison.Ordinal);
        Assert.NotNull(file.OtlpEndpoint);
        Assert.NotNull(file.SigningKey);
        using var api = new HttpClient { BaseAddress = new Uri(file.ApiUrl!) };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", file.Token);
        Assert.True((await api.GetAsync(new Uri("/job/status", UriKind.Relative))).IsSuccessStatusCode, "the file's admin token was refused");
    }

    [Fact]
    public async Task Node_hostname_from_the_cli_is_one_trace_from_its_root_span_to_the_workers_database_calls()
    {
        await using var cli = await RunCliAsync("client", "node", "hostname");

        Assert.True(await cli.Exited == 0, CliProcess.Describe(cli));
        Assert.EndsWith($": {Environment.MachineName}".ToLowerInvariant(), Assert.Single(cli.StandardOutput.Lines).ToLowerInvariant(), StringComparison.Ordinal);
        var traceId = CliProcess.TraceIdOf(cli, fixture.DashboardUrl);

        var trace = await fixture.Telemetry.WaitForSpansAsync(
            traceId,
            received => received.Any(s => s.Name == "job.process") && received.Any(s => s.ServiceName == "traceapp-cli" && s.ParentSpanId is null)
                && received.Any(s => s.ServiceName == "worker" && IsDatabaseCall(s)) && received.Any(s => s.ServiceName == "api" && s.Kind == DashboardSpan.KindServer)
                && received.Any(s => s.ServiceName == "api" && s.Kind == KindProducer)
                && received.All(s => s.ParentSpanId is null || received.Any(p => p.SpanId == s.ParentSpanId)),
            TelemetryTimeout,
            "the CLI's trace down to the worker's Npgsql spans");

        var root = Assert.Single(trace, s => s.ParentSpanId is null);
        Assert.Equal("traceapp client node hostname", root.Name);
        Assert.Equal("traceapp-cli", root.ServiceName);
        var request = Assert.Single(trace, s => s.ServiceName == "traceapp-cli" && s.Kind == DashboardSpan.KindClient);
        Assert.Equal(root.SpanId, request.ParentSpanId);
        var server = Assert.Single(trace, s => s.ServiceName == "api" && s.Kind == DashboardSpan.KindServer);
        Assert.Equal(request.SpanId, server.ParentSpanId);
        Assert.Equal("GET /node/hostname", server.Name);
        var publish = Assert.Single(trace, s => s.ServiceName == "api" && s.Kind == KindProducer);
        Assert.True(publish.IsDescendantOf(server, trace), Describe("the publish span is not under the api's server span", trace));
        var receive = Assert.Single(trace, s => s.ServiceName == "worker" && s.Kind == KindConsumer && s.Name.EndsWith(" receive", StringComparison.Ordinal));
        Assert.Equal(publish.SpanId, receive.ParentSpanId);
        var process = Assert.Single(trace, s => s.Name == "job.process");
        Assert.Equal(receive.SpanId, process.ParentSpanId);
        Assert.Contains(trace, s => s.ServiceName == "worker" && IsDatabaseCall(s) && s.IsDescendantOf(process, trace));
        Assert.All(trace, s => Assert.True(s.ParentSpanId is null || trace.Any(p => p.SpanId == s.ParentSpanId), Describe($"{s} has no parent in the trace", trace)));

        var services = new[] { "traceapp-cli", "api", "worker" };
        var logs = await fixture.Telemetry.WaitForLogsAsync(
            traceId, received => services.All(service => received.Any(l => l.ServiceName == service)), TelemetryTimeout, "log lines of the CLI, the api and the worker in the trace");
        Assert.All(services, service => Assert.Contains(logs, l => l.ServiceName == service && l.TraceId == traceId));
    }

    [Fact]
    public async Task Trace_prints_the_tree_the_dashboard_holds_and_show_trace_prints_the_commands_own()
    {
        await using var run = await RunCliAsync("client", "job", "run", "node.hostname", "--show-trace");

        Assert.True(await run.Exited == 0, CliProcess.Describe(run));
        var traceId = CliProcess.TraceIdOf(run, fixture.DashboardUrl);
        // --show-trace waited until every process's spans had arrived: the worker's are in its waterfall (stderr).
        Assert.Contains(run.StandardError.Lines, l => l.EndsWith("  traceapp client job run", StringComparison.Ordinal));
        Assert.Contains(run.StandardError.Lines, l => l.Contains(" worker ", StringComparison.Ordinal) && l.EndsWith("job.process", StringComparison.Ordinal));

        await using var trace = await RunCliAsync("trace", traceId);

        Assert.True(await trace.Exited == 0, CliProcess.Describe(trace));
        var dashboard = await fixture.Telemetry.GetTraceAsync(traceId);
        Assert.Equal(TraceWaterfall.Render(dashboard), trace.StandardOutput.Lines);
        Assert.Equal(dashboard.Count, trace.StandardOutput.Lines.Count);
    }

    [Fact]
    public async Task Trace_of_an_unknown_trace_id_is_exit_code_4()
    {
        await using var cli = await RunCliAsync("trace", "0123456789abcdef0123456789abcdef");

        Assert.Equal(4, await cli.Exited);
        Assert.Contains(cli.StandardError.Lines, l => l.StartsWith("error: the dashboard at ", StringComparison.Ordinal));
    }

    /// <summary>Runs the CLI from a folder two levels below the AppHost's data directory, with no TRACEAPP_/OTEL_ variables.</summary>
    private async Task<ManagedProcess> RunCliAsync(params string[] args)
    {
        var folder = Directory.CreateDirectory(Path.Combine(fixture.Workspace, "src", "deeper"));
        return await CliProcess.RunAsync(new Dictionary<string, string?>(), folder.FullName, args);
    }

    private static bool IsDatabaseCall(DashboardSpan span) =>
        span.Attributes.ContainsKey("db.system") || span.Attributes.ContainsKey("db.system.name");

    private static string Describe(string problem, IReadOnlyList<DashboardSpan> trace) =>
        problem + ":" + Environment.NewLine + string.Join(Environment.NewLine, trace);
}
