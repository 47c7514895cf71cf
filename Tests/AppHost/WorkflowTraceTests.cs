using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TraceApp.Cli.Dashboard;
using TraceApp.Tests.Cli;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.AppHost;

/// <summary>
/// Workflows through the whole system the AppHost starts, asserted on what the Aspire dashboard received:
/// <c>traceapp workflow start node-report --wait</c> is one trace from the CLI's root span through the Api and
/// WorkflowServer's <c>start_workflow</c> to the worker's executions (before and after the durable sleep), their
/// steps and the server spans of the steps' RPCs.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class WorkflowTraceTests(AppHostFixture fixture)
{
    private static readonly TimeSpan TelemetryTimeout = TimeSpan.FromSeconds(90);
    private static readonly string[] ReportSteps = ["hostname", "disk", "summary"];

    [Fact]
    public async Task Node_report_started_by_the_cli_is_one_trace_from_its_root_span_to_every_step()
    {
        var folder = Directory.CreateDirectory(Path.Combine(fixture.Workspace, "src", "workflows"));
        await using var cli = await CliProcess.RunAsync(new Dictionary<string, string?>(), folder.FullName, "workflow", "start", "node-report", "--wait");

        Assert.True(await cli.Exited == 0, CliProcess.Describe(cli));
        Assert.Contains("state      completed", cli.StandardOutput.Lines);
        var traceId = CliProcess.TraceIdOf(cli, fixture.DashboardUrl);

        var trace = await fixture.Telemetry.WaitForSpansAsync(
            traceId,
            received => ReportSteps.All(step => received.Any(s => s.Name == "complete_step" && s.Attributes.GetValueOrDefault("step_name") == step))
                && received.Any(s => s.Name == "complete_workflow") && received.Any(s => s.Name == "workflow_run.create")
                && received.Count(s => s.Name == "workflow_execution") >= 2
                && received.Any(s => s.ServiceName == "traceapp-cli" && s.ParentSpanId is null)
                && received.All(s => s.ParentSpanId is null || received.Any(p => p.SpanId == s.ParentSpanId)),
            TelemetryTimeout,
            "the CLI's trace down to the last step's complete_step, every parent present");

        var root = Assert.Single(trace, s => s.ParentSpanId is null);
        Assert.Equal("traceapp workflow start", root.Name);
        Assert.Equal("traceapp-cli", root.ServiceName);
        var post = Assert.Single(trace, s => s.ServiceName == "api" && s.Kind == DashboardSpan.KindServer && s.Name == "POST /workflows");
        Assert.True(post.IsDescendantOf(root, trace), Describe("POST /workflows is not under the CLI's root span", trace));
        var start = Assert.Single(trace, s => s.Name == "start_workflow");
        Assert.Equal("workflowserver", start.ServiceName);
        Assert.True(start.IsDescendantOf(post, trace), Describe("start_workflow is not under the api's POST /workflows", trace));
        var create = Assert.Single(trace, s => s.Name == "workflow_run.create");
        Assert.True(create.IsDescendantOf(start, trace), Describe("workflow_run.create is not under start_workflow", trace));
        Assert.Contains(trace, s => IsDatabaseCall(s) && s.IsDescendantOf(create, trace));

        // Every execution (the first, and the one after the durable sleep) is a child of the start's context.
        var executions = trace.Where(s => s.Name == "workflow_execution").ToList();
        Assert.True(executions.Count >= 2, Describe("expected an execution before and one after the sleep", trace));
        Assert.All(executions, e =>
        {
            Assert.Equal("worker", e.ServiceName);
            Assert.Equal(start.SpanId, e.ParentSpanId);
            Assert.Equal("node-report", e.Attributes.GetValueOrDefault("workflow_type"));
        });
        Assert.Contains(trace, s => s.Name == "sleep" && s.ServiceName == "workflowserver" && executions.Any(e => s.IsDescendantOf(e, trace)));

        var steps = trace.Where(s => s.Name == "step_execution").ToList();
        Assert.All(steps, step => Assert.Contains(executions, e => e.SpanId == step.ParentSpanId));
        foreach (var name in ReportSteps)
        {
            var executed = Assert.Single(steps, s => s.Attributes.GetValueOrDefault("step_name") == name && !s.Attributes.ContainsKey("step.cached"));
            Assert.Contains(trace, s => s.Name == "begin_step" && s.ServiceName == "workflowserver" && s.IsDescendantOf(executed, trace));
            Assert.Contains(trace, s => s.Name == "complete_step" && s.ServiceName == "workflowserver" && s.IsDescendantOf(executed, trace));
        }

        // The replay after the sleep takes hostname and disk from their stored outputs.
        Assert.Contains(steps, s => s.Attributes.GetValueOrDefault("step_name") == "hostname" && s.Attributes.GetValueOrDefault("step.cached") == "true");
        Assert.All(trace, s => Assert.Equal(traceId, s.TraceId));
    }

    [Fact]
    public async Task Flaky_started_through_the_api_completes_on_attempt_3_in_its_callers_trace()
    {
        var caller = TraceParent.New();
        using var api = fixture.CreateApiClient();
        using var request = caller.Post(api.BaseAddress!, "/workflows", JsonContent.Create(new { type = "flaky", retryPolicy = new { initialInterval = "00:00:00.200" } }));
        using var response = await api.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString();

        JsonElement run = default;
        await Eventually.WaitUntilAsync(
            async () =>
            {
                run = await api.GetFromJsonAsync<JsonElement>($"/workflows/{runId}");
                return run.GetProperty("state").GetString() is "completed" or "failed";
            },
            TimeSpan.FromSeconds(60),
            $"flaky run {runId} to finish");

        Assert.Equal("completed", run.GetProperty("state").GetString());
        Assert.Equal(3, run.GetProperty("attempt").GetInt32());
        Assert.Equal(caller.TraceId, run.GetProperty("traceId").GetString());
        var trace = await fixture.Telemetry.WaitForSpansAsync(
            caller.TraceId,
            received => received.Count(s => s.Name == "workflow_execution") >= 3 && received.Count(s => s.Name == "fail_step") >= 2,
            TelemetryTimeout,
            "three executions of the flaky run and two fail_step calls in the caller's trace");
        var start = Assert.Single(trace, s => s.Name == "start_workflow");
        Assert.All(trace.Where(s => s.Name == "workflow_execution"), e => Assert.Equal(start.SpanId, e.ParentSpanId));
    }

    private static bool IsDatabaseCall(DashboardSpan span) =>
        span.Attributes.ContainsKey("db.system") || span.Attributes.ContainsKey("db.system.name");

    private static string Describe(string problem, IReadOnlyList<DashboardSpan> trace) =>
        problem + ":" + Environment.NewLine + string.Join(Environment.NewLine, trace);
}
