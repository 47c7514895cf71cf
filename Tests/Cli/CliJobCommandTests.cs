using System.Text.Json;
using TraceApp.Auth;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Cli;

/// <summary><c>traceapp client job …</c> and <c>token generate</c> as real processes against a real Api and Worker.</summary>
public sealed class CliJobCommandTests(CliSystem system) : IClassFixture<CliSystem>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Job_run_waits_for_the_worker_and_prints_its_hostname()
    {
        await using var cli = await system.RunAsync(["client", "job", "run", "node.hostname"]);

        Assert.True(await cli.Exited == 0, CliProcess.Describe(cli));
        var line = Assert.Single(cli.StandardOutput.Lines);
        Assert.Equal($"{CliSystem.WorkerName}: {Environment.MachineName}".ToLowerInvariant(), line.ToLowerInvariant());
        Assert.Empty(cli.StandardError.Lines); // no exporter: no trace line, and no spinner when stderr is not a terminal
    }

    [Fact]
    public async Task Json_output_is_the_apis_job_and_parses()
    {
        await using var cli = await system.RunAsync(["client", "job", "run", "node.hostname", "--json"]);

        Assert.True(await cli.Exited == 0, CliProcess.Describe(cli));
        var job = JsonDocument.Parse(string.Join('\n', cli.StandardOutput.Lines)).RootElement;
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal("node.hostname", job.GetProperty("operation").GetString());
        Assert.Equal(CliSystem.WorkerName, job.GetProperty("results")[0].GetProperty("worker").GetString());
    }

    [Fact]
    public async Task Add_get_list_status_retry_and_delete_a_job()
    {
        await using var add = await system.RunAsync(["client", "job", "add", "node.hostname"]);
        Assert.True(await add.Exited == 0, CliProcess.Describe(add));
        var id = Guid.Parse(Assert.Single(add.StandardOutput.Lines));

        JsonElement job = default;
        await Eventually.WaitUntilAsync(
            async () =>
            {
                await using var get = await system.RunAsync(["client", "job", "get", id.ToString(), "--json"]);
                job = JsonDocument.Parse(string.Join('\n', get.StandardOutput.Lines)).RootElement;
                return job.GetProperty("status").GetString() == "completed";
            },
            Timeout, $"job {id} to complete");

        await using (var get = await system.RunAsync(["client", "job", "get", id.ToString()]))
        {
            Assert.Equal(0, await get.Exited);
            Assert.Contains($"job        {id}", get.StandardOutput.Lines);
            Assert.Contains("status     completed", get.StandardOutput.Lines);
            Assert.Contains(get.StandardOutput.Lines, l => l.StartsWith($"  {CliSystem.WorkerName}: ", StringComparison.Ordinal));
        }

        await using (var list = await system.RunAsync(["client", "job", "list", "--operation", "node.hostname", "--status", "completed", "--json"]))
        {
            Assert.Equal(0, await list.Exited);
            var items = JsonDocument.Parse(string.Join('\n', list.StandardOutput.Lines)).RootElement.GetProperty("items");
            Assert.Contains(items.EnumerateArray(), item => item.GetProperty("id").GetGuid() == id);
        }

        await using (var status = await system.RunAsync(["client", "job", "status"]))
        {
            Assert.Equal(0, await status.Exited);
            Assert.Contains(status.StandardOutput.Lines, l => l.StartsWith("completed ", StringComparison.Ordinal) && long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) >= 1);
            Assert.StartsWith("total ", status.StandardOutput.Lines[^1], StringComparison.Ordinal);
        }

        await using (var retry = await system.RunAsync(["client", "job", "retry", id.ToString()]))
        {
            Assert.True(await retry.Exited == 0, CliProcess.Describe(retry));
            Assert.NotEqual(id, Guid.Parse(Assert.Single(retry.StandardOutput.Lines)));
        }

        await using (var retried = await system.RunAsync(["client", "job", "get", id.ToString()]))
        {
            Assert.Contains(retried.StandardOutput.Lines, l => l.Contains(" retried", StringComparison.Ordinal));
        }

        await using (var delete = await system.RunAsync(["client", "job", "delete", id.ToString()]))
        {
            Assert.True(await delete.Exited == 0, CliProcess.Describe(delete));
            Assert.Equal([$"deleted {id}"], delete.StandardOutput.Lines);
        }

        await using var gone = await system.RunAsync(["client", "job", "get", id.ToString()]);
        Assert.Equal(4, await gone.Exited);
    }

    [Fact]
    public async Task Unknown_job_is_exit_code_4_with_one_error_line()
    {
        var id = Guid.NewGuid();

        await using var cli = await system.RunAsync(["client", "job", "get", id.ToString()]);

        Assert.Equal(4, await cli.Exited);
        Assert.Empty(cli.StandardOutput.Lines);
        Assert.Equal($"error: 404 Job not found: Job {id} does not exist.", Assert.Single(cli.StandardError.Lines));
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401_and_the_exit_code_is_3()
    {
        await using var cli = await system.RunAsync(["client", "job", "list"], token: null);

        Assert.Equal(3, await cli.Exited);
        var error = Assert.Single(cli.StandardError.Lines);
        Assert.StartsWith("error: 401 ", error, StringComparison.Ordinal);
        Assert.Contains("--token", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generated_tokens_are_accepted_by_the_api_and_a_read_token_cannot_add_jobs()
    {
        await using var generate = await CliProcess.RunAsync(
            new Dictionary<string, string?> { ["TRACEAPP_SIGNING_KEY"] = TestTokens.SigningKey }, null, "token", "generate", "--role", Roles.Read, "--expires", "5m");
        Assert.True(await generate.Exited == 0, CliProcess.Describe(generate));
        var token = Assert.Single(generate.StandardOutput.Lines);

        await using var read = await system.RunAsync(["client", "job", "status"], token);
        await using var write = await system.RunAsync(["client", "job", "add", "node.hostname"], token);

        Assert.True(await read.Exited == 0, CliProcess.Describe(read));
        Assert.Equal(3, await write.Exited);
        Assert.StartsWith("error: 403", Assert.Single(write.StandardError.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_generate_without_a_signing_key_or_with_a_bad_role_is_a_usage_error()
    {
        await using var noKey = await CliProcess.RunAsync(new Dictionary<string, string?>(), null, "token", "generate", "--role", "admin");
        await using var badRole = await CliProcess.RunAsync(new Dictionary<string, string?>(), null, "token", "generate", "--role", "root", "--signing-key", TestTokens.SigningKey);

        Assert.Equal(2, await noKey.Exited);
        Assert.StartsWith("error: no signing key", Assert.Single(noKey.StandardError.Lines), StringComparison.Ordinal);
        Assert.Equal(2, await badRole.Exited);
        Assert.Equal("error: --role must be one of admin, write, read, not 'root'.", Assert.Single(badRole.StandardError.Lines));
    }

    [Theory]
    [InlineData("client", "job", "add", "no.such.operation")]
    [InlineData("client", "job", "add", "node.hostname", "--target", "nowhere")]
    [InlineData("client", "job", "get", "not-a-guid")]
    [InlineData("client", "job", "add", "node.hostname", "--param", "novalue")]
    [InlineData("client", "job", "frobnicate")]
    public async Task Bad_input_is_exit_code_2_with_error_lines(params string[] args)
    {
        await using var cli = await system.RunAsync(args);

        Assert.Equal(2, await cli.Exited);
        Assert.Empty(cli.StandardOutput.Lines);
        Assert.NotEmpty(cli.StandardError.Lines);
        Assert.All(cli.StandardError.Lines, l => Assert.StartsWith("error: ", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_gives_up_after_its_wait_with_exit_code_5()
    {
        await using var cli = await system.RunAsync(["client", "job", "run", "node.hostname", "--target", "host:nobody-runs-this", "--wait", "1s"]);

        Assert.Equal(5, await cli.Exited);
        Assert.Matches("^error: job [0-9a-f-]{36} is still pending after 1 s", Assert.Single(cli.StandardError.Lines));
    }

    [Fact]
    public async Task Run_shows_a_spinner_with_the_jobs_state_on_a_terminal_only()
    {
        var environment = new Dictionary<string, string?> { ["TRACEAPP_API_URL"] = system.ApiUrl.ToString(), ["TRACEAPP_TOKEN"] = TestTokens.Admin };

        await using var terminal = await CliProcess.RunOnTerminalAsync(environment, "client", "job", "run", "node.hostname", "--target", "host:nobody-runs-this", "--wait", "1s");
        await using var redirected = await system.RunAsync(["client", "job", "run", "node.hostname", "--target", "host:nobody-runs-this", "--wait", "1s"]);

        Assert.Equal(5, await terminal.Exited);
        var screen = string.Join('\n', terminal.StandardOutput.Lines);
        // The spinner redraws one line with carriage returns (read here as line breaks): frame, job id, state.
        Assert.Matches("(?m)^[|/\\\\-] job [0-9a-f-]{36}: pending", screen);
        Assert.Equal(5, await redirected.Exited);
        Assert.StartsWith("error: job ", Assert.Single(redirected.StandardError.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_logs_go_to_stderr_with_the_trace_id_that_the_api_and_worker_log_too()
    {
        await using var cli = await system.RunAsync(["client", "job", "run", "node.hostname", "--debug"]);

        Assert.True(await cli.Exited == 0, CliProcess.Describe(cli));
        var log = Assert.Single(cli.StandardError.Lines, l => l.Contains(" running run against ", StringComparison.Ordinal));
        var traceId = System.Text.RegularExpressions.Regex.Match(log, "trace_id=([0-9a-f]{32})").Groups[1].Value;
        Assert.NotEmpty(traceId);
        await system.Worker.Output.WaitForLineAsync(l => l.Contains($"trace_id={traceId}", StringComparison.Ordinal), Timeout);
        await system.Api.Output.WaitForLineAsync(l => l.Contains($"trace_id={traceId}", StringComparison.Ordinal), Timeout);
    }

    [Fact]
    public async Task With_an_exporter_each_command_ends_with_its_trace_id_on_stderr()
    {
        await using var cli = await system.RunAsync(
            ["client", "job", "status"], environment: new Dictionary<string, string?> { ["TRACEAPP_TELEMETRY_TRACING_EXPORTER"] = "stdout", ["TRACEAPP_DASHBOARD_URL"] = "http://127.0.0.1:18888" });

        Assert.True(await cli.Exited == 0, CliProcess.Describe(cli));
        var root = cli.StandardOutput.Lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(s => s.GetProperty("name").GetString() == "traceapp client job status");
        var traceId = root.GetProperty("trace_id").GetString();
        Assert.Equal($"trace {traceId} http://127.0.0.1:18888/traces/detail/{traceId}", Assert.Single(cli.StandardError.Lines));
    }
}
