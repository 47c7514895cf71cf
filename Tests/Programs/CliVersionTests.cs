using System.Text.Json;
using TraceApp.Tests.Api;
using TraceApp.Tests.Cli;
using TraceApp.Tests.Infrastructure;
using TraceApp.Tests.Infrastructure.Processes;

namespace TraceApp.Tests.Programs;

public sealed class CliVersionTests(ApiServers servers) : IClassFixture<ApiServers>
{
    private static readonly Dictionary<string, string?> StdoutExporter = new()
    {
        ["TRACEAPP_TELEMETRY_TRACING_EXPORTER"] = "stdout",
    };

    private static Task<ManagedProcess> RunCliAsync(params string[] args) => RunCliWithAsync([], args);

    /// <summary>Runs the CLI to its exit with a clean telemetry environment plus <paramref name="environment"/>.</summary>
    private static Task<ManagedProcess> RunCliWithAsync(Dictionary<string, string?> environment, params string[] args) =>
        CliProcess.RunAsync(environment, null, args);

    private static List<JsonElement> Spans(ManagedProcess process) =>
        [.. process.StandardOutput.Lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public async Task Version_prints_the_cli_and_api_versions()
    {
        var (api, address) = await RunningProgram.StartWebAsync("Api", servers.Environment());
        await using var _ = api;

        await using var cli = await RunCliAsync("version", "--api-url", address.ToString());

        Assert.Equal(0, await cli.Exited);
        Assert.Equal(["traceapp 0.1.0", $"traceapp-api 0.1.0 at {address}"], cli.StandardOutput.Lines);
    }

    [Fact]
    public async Task Version_is_one_trace_from_the_cli_root_span_through_its_http_span_to_the_api()
    {
        var (api, address) = await RunningProgram.StartWebAsync("Api", servers.Environment(StdoutExporter));
        await using var _ = api;

        await using var cli = await RunCliWithAsync(StdoutExporter, "version", "--api-url", address.ToString());

        Assert.Equal(0, await cli.Exited);
        Assert.Equal(["traceapp 0.1.0", $"traceapp-api 0.1.0 at {address}"], cli.StandardOutput.Lines.Where(l => !l.StartsWith('{')));
        var cliSpans = Spans(cli);
        var root = Assert.Single(cliSpans, s => s.GetProperty("name").GetString() == "traceapp version");
        var request = Assert.Single(cliSpans, s => s.GetProperty("kind").GetString() == "Client");
        var traceId = root.GetProperty("trace_id").GetString()!;
        Assert.False(root.TryGetProperty("parent_span_id", out var _));
        Assert.Equal("traceapp-cli", root.GetProperty("resource").GetProperty("service.name").GetString());
        Assert.Equal("Unset", root.GetProperty("status").GetString());
        Assert.Equal(traceId, request.GetProperty("trace_id").GetString());
        Assert.Equal(root.GetProperty("span_id").GetString(), request.GetProperty("parent_span_id").GetString());
        Assert.Equal("GET", request.GetProperty("attributes").GetProperty("http.request.method").GetString());

        var line = await api.Output.WaitForLineAsync(
            l => l.StartsWith('{') && l.Contains(traceId, StringComparison.Ordinal), RunningProgram.WaitTimeout);
        var server = JsonDocument.Parse(line).RootElement;
        Assert.Equal("GET /version", server.GetProperty("name").GetString());
        Assert.Equal(request.GetProperty("span_id").GetString(), server.GetProperty("parent_span_id").GetString());
    }

    [Fact]
    public async Task Failed_command_marks_its_root_span_and_the_apphost_service_name_is_used()
    {
        var closedPort = FreePort.Next();

        await using var cli = await RunCliWithAsync(
            new(StdoutExporter) { ["OTEL_SERVICE_NAME"] = "cli" }, "version", "--api-url", $"http://127.0.0.1:{closedPort}");

        Assert.Equal(1, await cli.Exited);
        var root = Assert.Single(Spans(cli), s => s.GetProperty("name").GetString() == "traceapp version");
        Assert.Equal("Error", root.GetProperty("status").GetString());
        Assert.Equal("cli", root.GetProperty("resource").GetProperty("service.name").GetString());
    }

    [Fact]
    public async Task Otlp_export_to_an_unreachable_collector_neither_breaks_nor_holds_up_the_command()
    {
        var (api, address) = await RunningProgram.StartWebAsync("Api", servers.Environment(StdoutExporter));
        await using var _ = api;

        await using var cli = await RunCliWithAsync(
            new()
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{FreePort.Next()}",
                ["OTEL_EXPORTER_OTLP_HEADERS"] = "x-otlp-api-key=secret",
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
            },
            "version", "--api-url", address.ToString());

        Assert.Equal(0, await cli.Exited);
        Assert.Equal(["traceapp 0.1.0", $"traceapp-api 0.1.0 at {address}"], cli.StandardOutput.Lines);
        // The CLI traced the request (an exporter was on), so the Api's span has the CLI's span as its parent.
        var line = await api.Output.WaitForLineAsync(
            l => l.StartsWith('{') && l.Contains("\"GET /version\"", StringComparison.Ordinal), RunningProgram.WaitTimeout);
        Assert.Matches("^[0-9a-f]{16}$", JsonDocument.Parse(line).RootElement.GetProperty("parent_span_id").GetString());
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
