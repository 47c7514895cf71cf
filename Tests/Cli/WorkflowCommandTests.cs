using System.Text.Json;
using TraceApp.Tests.Api;
using TraceApp.Tests.Infrastructure;
using TraceApp.Tests.Infrastructure.Processes;

namespace TraceApp.Tests.Cli;

/// <summary><c>traceapp workflow …</c> as real processes against the Api, WorkflowServer and a Worker (<see cref="WorkflowSystem"/>).</summary>
[Collection(WorkflowSystemCollection.Name)]
public sealed class WorkflowCommandTests(WorkflowSystem system)
{
    [Fact]
    public async Task Start_node_report_wait_prints_the_completed_run_with_its_steps()
    {
        await using var cli = await RunAsync("workflow", "start", "node-report", "--wait");

        Assert.True(await cli.Exited == 0, CliProcess.Describe(cli));
        var lines = cli.StandardOutput.Lines;
        Assert.Contains("state      completed", lines);
        Assert.Contains("type       node-report", lines);
        Assert.Contains(lines, l => l.StartsWith("  hostname  completed attempt 1  ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  disk      completed attempt 1  ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  pause     completed attempt 1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  summary   completed attempt 1  ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("output     ", StringComparison.Ordinal));
        Assert.Empty(cli.StandardError.Lines); // no exporter: no trace line; no spinner when stderr is not a terminal
    }

    [Fact]
    public async Task Start_flaky_wait_json_is_the_run_completed_on_attempt_3()
    {
        await using var cli = await RunAsync("workflow", "start", "flaky", "--wait", "--json");

        Assert.True(await cli.Exited == 0, CliProcess.Describe(cli));
        var run = Json(cli);
        Assert.Equal("completed", run.GetProperty("state").GetString());
        Assert.Equal(3, run.GetProperty("attempt").GetInt32());
    }

    [Fact]
    public async Task A_run_that_fails_exits_1_with_its_error_on_one_line()
    {
        // Fails on every attempt the server's default policy allows (3).
        await using var cli = await RunAsync("workflow", "start", "flaky", "--input", """{"failures":9}""", "--wait");

        Assert.True(await cli.Exited == 1, CliProcess.Describe(cli));
        Assert.Contains("state      failed", cli.StandardOutput.Lines);
        var error = Assert.Single(cli.StandardError.Lines);
        Assert.Matches("^error: workflow \\S+ failed: .*fails on purpose", error);
    }

    [Fact]
    public async Task Waiting_longer_than_the_timeout_exits_5_and_the_run_goes_on()
    {
        await using var cli = await RunAsync("workflow", "start", "node-report", "--input", """{"pauseSeconds":30}""", "--wait", "--timeout", "1s");

        Assert.True(await cli.Exited == 5, CliProcess.Describe(cli));
        Assert.Matches("^error: workflow \\S+ is still \\w+ after 1 s \\(see: traceapp workflow get \\S+\\)\\.$", Assert.Single(cli.StandardError.Lines));
    }

    [Fact]
    public async Task Start_get_list_cancel_and_retry_a_run()
    {
        var type = $"cli-test.{Guid.NewGuid():N}"[..30];
        // Nobody runs this type: it stays pending until cancelled.
        await using var start = await RunAsync("workflow", "start", type, "--input", """{"k":"v"}""");
        Assert.True(await start.Exited == 0, CliProcess.Describe(start));
        var runId = Assert.Single(start.StandardOutput.Lines);

        await using (var get = await RunAsync("workflow", "get", runId))
        {
            Assert.True(await get.Exited == 0, CliProcess.Describe(get));
            Assert.Contains($"run        {runId}", get.StandardOutput.Lines);
            Assert.Contains("state      pending", get.StandardOutput.Lines);
            Assert.Contains("""input      {"k":"v"}""", get.StandardOutput.Lines);
        }

        await using (var list = await RunAsync("workflow", "list", "--type", type, "--state", "pending"))
        {
            Assert.True(await list.Exited == 0, CliProcess.Describe(list));
            Assert.StartsWith($"{runId}  pending", Assert.Single(list.StandardOutput.Lines), StringComparison.Ordinal);
        }

        await using (var cancel = await RunAsync("workflow", "cancel", runId, "--reason", "not needed"))
        {
            Assert.True(await cancel.Exited == 0, CliProcess.Describe(cancel));
            Assert.Equal($"{runId} cancelled", Assert.Single(cancel.StandardOutput.Lines));
        }

        await using (var again = await RunAsync("workflow", "cancel", runId))
        {
            Assert.Equal(1, await again.Exited);
            Assert.StartsWith("error: 409 Workflow state conflict: ", Assert.Single(again.StandardError.Lines), StringComparison.Ordinal);
        }

        await using var retry = await RunAsync("workflow", "retry", runId, "--json");
        Assert.True(await retry.Exited == 0, CliProcess.Describe(retry));
        var newRunId = Json(retry).GetProperty("runId").GetString()!;
        Assert.NotEqual(runId, newRunId);
        var retried = await system.GetJsonAsync($"/workflows/{newRunId}");
        Assert.Equal(runId, retried.GetProperty("retryOf").GetString());
        await using var cleanup = await RunAsync("workflow", "cancel", newRunId);
    }

    [Theory]
    [InlineData(4, "workflow", "get", "00000000-0000-4000-8000-000000000000")]
    [InlineData(2, "workflow", "start", "Not A Type")]
    [InlineData(2, "workflow", "start", "node-report", "--input", "{nope")]
    [InlineData(2, "workflow", "list", "--state", "finished")]
    public async Task Errors_exit_with_the_usual_codes(int exitCode, params string[] args)
    {
        await using var cli = await RunAsync(args);

        Assert.True(await cli.Exited == exitCode, CliProcess.Describe(cli));
        Assert.StartsWith("error: ", Assert.Single(cli.StandardError.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_token_cannot_start_a_workflow_exit_3()
    {
        await using var cli = await CliProcess.RunAsync(
            new Dictionary<string, string?> { ["TRACEAPP_API_URL"] = system.ApiUrl.ToString(), ["TRACEAPP_TOKEN"] = TestTokens.For(TraceApp.Auth.Roles.Read) },
            null, "workflow", "start", "node-report");

        Assert.Equal(3, await cli.Exited);
    }

    private Task<ManagedProcess> RunAsync(params string[] args) => CliProcess.RunAsync(
        new Dictionary<string, string?> { ["TRACEAPP_API_URL"] = system.ApiUrl.ToString(), ["TRACEAPP_TOKEN"] = TestTokens.Admin }, null, args);

    private static JsonElement Json(ManagedProcess cli) => JsonDocument.Parse(string.Join('\n', cli.StandardOutput.Lines)).RootElement;
}
