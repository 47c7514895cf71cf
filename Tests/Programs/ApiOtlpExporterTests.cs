using TraceApp.Dashboard.Otlp;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Programs;

/// <summary>The built Api exporting over OTLP http/protobuf to an in-test receiver.</summary>
public sealed class ApiOtlpExporterTests : IAsyncLifetime
{
    private OtlpHttpReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await OtlpHttpReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private Dictionary<string, string?> Otlp(string serviceName, string batchDelayMs = "100", string metricIntervalMs = "60000") => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _receiver.Endpoint.ToString(),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_EXPORTER_OTLP_HEADERS"] = "x-otlp-api-key=test-key-123",
        ["OTEL_SERVICE_NAME"] = serviceName,
        ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={serviceName}-1",
        ["OTEL_BSP_SCHEDULE_DELAY"] = batchDelayMs,
        ["OTEL_BLRP_SCHEDULE_DELAY"] = batchDelayMs,
        ["OTEL_METRIC_EXPORT_INTERVAL"] = metricIntervalMs,
    };

    [Fact]
    public async Task Span_and_logs_arrive_with_the_service_name_and_configured_headers()
    {
        var (api, address) = await RunningProgram.StartWebAsync("Api", Otlp("api-under-test"));
        await using var _ = api;
        using var http = TestHttp.CreateClient();
        var caller = TraceParent.New();

        (await http.SendAsync(caller.Get(address, "/version"))).EnsureSuccessStatusCode();

        var spans = await _receiver.Telemetry.WaitForSpansAsync(s => s.TraceId == caller.TraceId, RunningProgram.WaitTimeout);
        var span = Assert.Single(spans);
        Assert.Equal("GET /version", span.Name);
        Assert.Equal(caller.SpanId, span.ParentSpanId);
        Assert.Equal("api-under-test", span.ServiceName);
        Assert.Equal("api-under-test-1", span.ResourceAttribute("service.instance.id"));
        Assert.Equal("/version", span.Attribute("http.route"));
        Assert.All(_receiver.Telemetry.RequestHeaders, headers => Assert.Equal("test-key-123", headers["x-otlp-api-key"]));

        await _receiver.Telemetry.WaitUntilAsync(
            received => received.LogRecords.Any(record => ReceivedSpan.Hex(record.TraceId) == caller.TraceId),
            RunningProgram.WaitTimeout,
            "a log record of the request's trace");
    }

    [Fact]
    public async Task Span_of_a_request_just_before_SIGTERM_is_still_exported()
    {
        // A batch delay far longer than the test: only the shutdown flush can deliver the span.
        var (api, address) = await RunningProgram.StartWebAsync("Api", Otlp("api-shutdown", batchDelayMs: "600000"));
        await using var _ = api;
        using var http = TestHttp.CreateClient();
        var caller = TraceParent.New();

        (await http.SendAsync(caller.Get(address, "/version"))).EnsureSuccessStatusCode();
        Assert.Equal(0, await api.StopAsync());

        var spans = await _receiver.Telemetry.WaitForSpansAsync(s => s.TraceId == caller.TraceId, RunningProgram.WaitTimeout);
        Assert.Equal("GET /version", Assert.Single(spans).Name);
        Assert.Contains(_receiver.Telemetry.LogRecords, record => ReceivedSpan.Hex(record.TraceId) == caller.TraceId);
    }

    [Fact]
    public async Task Native_dotnet_meters_are_exported()
    {
        var (api, address) = await RunningProgram.StartWebAsync("Api", Otlp("api-metrics", metricIntervalMs: "200"));
        await using var _ = api;
        using var http = TestHttp.CreateClient();

        (await http.GetAsync(new Uri(address, "/version"))).EnsureSuccessStatusCode();

        await _receiver.Telemetry.WaitUntilAsync(
            received =>
            {
                var names = received.Metrics.SelectMany(r => r.ResourceMetrics).SelectMany(r => r.ScopeMetrics)
                    .SelectMany(s => s.Metrics).Select(m => m.Name).ToHashSet();
                return names.Contains("http.server.request.duration") && names.Contains("dotnet.gc.collections");
            },
            RunningProgram.WaitTimeout,
            "ASP.NET Core and runtime metrics");
    }
}
