using TraceApp.Tests.Infrastructure.Processes;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Programs;

public sealed class CliVersionTests
{
    private static async Task<ManagedProcess> RunCliAsync(params string[] args)
    {
        var cli = ManagedProcess.Start(ProcessSpec.ForProgram(
            "cli", ProjectLocator.GetProgramPath("Cli", assemblyName: "traceapp"), new Dictionary<string, string?>(), args));
        await cli.Exited.WaitAsync(RunningProgram.StartTimeout);
        return cli;
    }

    [Fact]
    public async Task Version_prints_the_cli_and_api_versions()
    {
        var (api, address) = await RunningProgram.StartWebAsync("Api");
        await using var _ = api;

        await using var cli = await RunCliAsync("version", "--api-url", address.ToString());

        Assert.Equal(0, await cli.Exited);
        Assert.Equal(["traceapp 0.1.0", $"traceapp-api 0.1.0 at {address}"], cli.StandardOutput.Lines);
    }

    [Fact]
    public async Task Unreachable_api_gives_one_error_line_and_exit_code_1()
    {
        var closedPort = FreePort.Next();

        await using var cli = await RunCliAsync("version", "--api-url", $"http://127.0.0.1:{closedPort}");

        Assert.Equal(1, await cli.Exited);
        var error = Assert.Single(cli.StandardError.Lines);
        Assert.StartsWith($"error: cannot reach the API at http://127.0.0.1:{closedPort}/", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_url_is_a_usage_error()
    {
        await using var cli = await RunCliAsync("version", "--api-url", "localhost:5080");

        Assert.NotEqual(0, await cli.Exited);
        Assert.Contains(cli.StandardError.Lines, line => line.Contains("--api-url must be an absolute http:// or https:// URL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_explains_the_commands()
    {
        await using var cli = await RunCliAsync("--help");

        Assert.Equal(0, await cli.Exited);
        Assert.Contains(cli.StandardOutput.Lines, line => line.TrimStart().StartsWith("version", StringComparison.Ordinal));
    }
}
