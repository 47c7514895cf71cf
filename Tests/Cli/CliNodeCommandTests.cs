using System.Text.Json;

namespace TraceApp.Tests.Cli;

/// <summary><c>traceapp client node …</c> and <c>client network …</c> against a real Api and Worker (the API's synchronous endpoints).</summary>
public sealed class CliNodeCommandTests(CliSystem system) : IClassFixture<CliSystem>
{
    [Fact]
    public async Task Node_hostname_prints_one_line_per_worker_result()
    {
        await using var cli = await system.RunAsync(["client", "node", "hostname"]);

        Assert.True(await cli.Exited == 0, CliProcess.Describe(cli));
        Assert.Equal($"{CliSystem.WorkerName}: {Environment.MachineName}".ToLowerInvariant(), Assert.Single(cli.StandardOutput.Lines).ToLowerInvariant());
    }

    [Theory]
    [InlineData("status")]
    [InlineData("uptime")]
    [InlineData("os")]
    [InlineData("disk")]
    [InlineData("memory")]
    [InlineData("load")]
    public async Task Every_node_query_answers_in_text_and_in_json(string query)
    {
        await using var text = await system.RunAsync(["client", "node", query, "--target", $"host:{CliSystem.WorkerHost}"]);
        await using var json = await system.RunAsync(["client", "node", query, "--json"]);

        Assert.True(await text.Exited == 0, CliProcess.Describe(text));
        Assert.StartsWith($"{CliSystem.WorkerName}: ", Assert.Single(text.StandardOutput.Lines), StringComparison.Ordinal);
        Assert.True(await json.Exited == 0, CliProcess.Describe(json));
        var job = JsonDocument.Parse(string.Join('\n', json.StandardOutput.Lines)).RootElement;
        Assert.Equal($"node.{query}", job.GetProperty("operation").GetString());
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Object, job.GetProperty("results")[0].GetProperty("payload").ValueKind);
    }

    [Fact]
    public async Task Network_ping_and_dns_run_on_the_worker()
    {
        await using var ping = await system.RunAsync(["client", "network", "ping", "127.0.0.1", "--count", "1"]);
        await using var dns = await system.RunAsync(["client", "network", "dns"]);

        Assert.True(await ping.Exited == 0, CliProcess.Describe(ping));
        Assert.StartsWith($"{CliSystem.WorkerName}: ", Assert.Single(ping.StandardOutput.Lines), StringComparison.Ordinal);
        Assert.True(await dns.Exited == 0, CliProcess.Describe(dns));
        Assert.StartsWith($"{CliSystem.WorkerName}: ", Assert.Single(dns.StandardOutput.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_ping_count_is_a_usage_error_from_the_api()
    {
        await using var cli = await system.RunAsync(["client", "network", "ping", "127.0.0.1", "--count", "99"]);

        Assert.Equal(2, await cli.Exited);
        Assert.Matches("^error: 400 .*count.*1 to 10", Assert.Single(cli.StandardError.Lines));
    }

    [Fact]
    public async Task No_worker_answering_in_time_is_exit_code_5_naming_the_job()
    {
        await using var cli = await system.RunAsync(["client", "node", "hostname", "--target", "host:nobody-answers", "--timeout", "1"]);

        Assert.Equal(5, await cli.Exited);
        Assert.Matches("^error: 504 .*job [0-9a-f-]{36} \\(see: traceapp client job get [0-9a-f-]{36}\\)$", Assert.Single(cli.StandardError.Lines));
    }
}
