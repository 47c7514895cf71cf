using System.Text.Json;
using TraceApp.Tests.Api;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Programs;

/// <summary>The built Api as a child process, exporting spans to stdout and logging as text.</summary>
public sealed class ApiStdoutExporterTests(ApiServers servers) : IClassFixture<ApiServers>
{
    private static readonly Dictionary<string, string?> StdoutExporter = new()
    {
        ["TRACEAPP_TELEMETRY_TRACING_EXPORTER"] = "stdout",
    };

    [Fact]
    public async Task Request_with_traceparent_yields_a_server_span_and_a_correlated_log_line()
    {
        var (api, address) = await RunningProgram.StartWebAsync("Api", servers.Environment(StdoutExporter));
        await using var _ = api;
        using var http = TestHttp.CreateClient();
        (await http.GetAsync(new Uri(address, "/health"))).EnsureSuccessStatusCode();
        var caller = TraceParent.New();

        using var response = await http.SendAsync(caller.Get(address, "/version"));

        response.EnsureSuccessStatusCode();
        var spanLine = await api.Output.WaitForLineAsync(
            line => line.StartsWith('{') && line.Contains(caller.TraceId, StringComparison.Ordinal), RunningProgram.WaitTimeout);
        using var span = JsonDocument.Parse(spanLine);
        var root = span.RootElement;
        Assert.Equal("GET /version", root.GetProperty("name").GetString());
        Assert.Equal("Server", root.GetProperty("kind").GetString());
        Assert.Equal(caller.TraceId, root.GetProperty("trace_id").GetString());
        Assert.Equal(caller.SpanId, root.GetProperty("parent_span_id").GetString());
        var attributes = root.GetProperty("attributes");
        Assert.Equal("GET", attributes.GetProperty("http.request.method").GetString());
        Assert.Equal("/version", attributes.GetProperty("url.path").GetString());
        Assert.Equal("/version", attributes.GetProperty("http.route").GetString());
        Assert.Equal(200, attributes.GetProperty("http.response.status_code").GetInt32());

        var spanId = root.GetProperty("span_id").GetString();
        var logLine = await api.Output.WaitForLineAsync(
            line => line.Contains("serving version", StringComparison.Ordinal), RunningProgram.WaitTimeout);
        Assert.Contains($"trace_id={caller.TraceId}", logLine, StringComparison.Ordinal);
        Assert.Contains($"span_id={spanId}", logLine, StringComparison.Ordinal);

        Assert.Equal(0, await api.StopAsync());
        var spanLines = api.Output.Lines.Where(line => line.StartsWith('{')).ToList();
        Assert.DoesNotContain(spanLines, line => line.Contains("\"url.path\":\"/health\"", StringComparison.Ordinal));
        Assert.All(spanLines, line => JsonDocument.Parse(line).Dispose());
    }

    [Fact]
    public async Task Span_lines_and_log_lines_never_interleave_under_concurrent_requests()
    {
        var (api, address) = await RunningProgram.StartWebAsync("Api", servers.Environment(StdoutExporter));
        await using var _ = api;
        using var http = TestHttp.CreateClient();
        const int requests = 200;

        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (_, ct) => (await http.GetAsync(new Uri(address, "/version"), ct)).EnsureSuccessStatusCode());
        Assert.Equal(0, await api.StopAsync());

        var lines = api.Output.Lines;
        var spans = lines.Where(line => line.StartsWith('{')).Select(line => JsonDocument.Parse(line)).ToList();
        var logs = lines.Where(line => !line.StartsWith('{')).ToList();
        Assert.Equal(requests, spans.Count(span => span.RootElement.GetProperty("name").GetString() == "GET /version"));
        Assert.All(logs, line => Assert.Matches(@"^\d{4}-\d\d-\d\dT[\d:.]+Z (TRC|DBG|INF|WRN|ERR|CRT) ", line));
        Assert.Equal(requests, logs.Count(line => line.Contains("serving version", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Debug_flag_correlates_logs_without_printing_spans()
    {
        var (api, address) = await RunningProgram.StartWebAsync("Api", servers.Environment(), "--debug");
        await using var _ = api;
        using var http = TestHttp.CreateClient();
        var caller = TraceParent.New();

        (await http.SendAsync(caller.Get(address, "/version"))).EnsureSuccessStatusCode();

        var logLine = await api.Output.WaitForLineAsync(
            line => line.Contains("serving version", StringComparison.Ordinal), RunningProgram.WaitTimeout);
        Assert.Contains($"trace_id={caller.TraceId}", logLine, StringComparison.Ordinal);
        Assert.Matches("span_id=[0-9a-f]{16}", logLine);
        Assert.Equal(0, await api.StopAsync());
        Assert.Contains(api.Output.Lines, line => line.Contains(" DBG ", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Output.Lines, line => line.StartsWith('{'));
    }

    [Fact]
    public async Task Json_log_format_writes_one_json_object_per_line_with_trace_ids()
    {
        var (api, address) = await RunningProgram.StartWebAsync("Api", servers.Environment(new Dictionary<string, string?>
        {
            ["TRACEAPP_TELEMETRY_TRACING_ENABLED"] = "true",
            ["TRACEAPP_TELEMETRY_LOG_FORMAT"] = "json",
        }));
        await using var _ = api;
        using var http = TestHttp.CreateClient();
        var caller = TraceParent.New();

        (await http.SendAsync(caller.Get(address, "/version"))).EnsureSuccessStatusCode();
        await api.Output.WaitForLineAsync(line => line.Contains("serving version", StringComparison.Ordinal), RunningProgram.WaitTimeout);
        Assert.Equal(0, await api.StopAsync());

        var entries = api.Output.Lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.NotEmpty(entries);
        var serving = Assert.Single(entries, e => e.GetProperty("message").GetString() == "serving version 0.1.0");
        Assert.Equal("Information", serving.GetProperty("level").GetString());
        Assert.Equal(caller.TraceId, serving.GetProperty("trace_id").GetString());
        Assert.Matches("^[0-9a-f]{16}$", serving.GetProperty("span_id").GetString());
        Assert.Equal("0.1.0", serving.GetProperty("attributes").GetProperty("Version").GetString());
        Assert.All(entries, e => Assert.Equal(JsonValueKind.String, e.GetProperty("timestamp").ValueKind));
    }
}
