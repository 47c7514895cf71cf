using Grpc.Core;
using TraceApp.Dashboard.Otlp;
using TraceApp.Grpc.Client;

namespace TraceApp.Tests.Dashboard;

/// <summary>
/// OTLP/gRPC on the dashboard's receivers in ApiKey mode: keys, partial success, and requests that must be refused
/// without stopping the receiver from serving the next one.
/// </summary>
public sealed class DashboardOtlpGrpcTests : IAsyncLifetime
{
    private readonly ReceivedTelemetry _telemetry = new();
    private readonly GrpcChannels _channels = new();
    private OtlpReceiverHost _host = null!;

    private OtlpGrpcTestClient Client => _channels.CreateClient(_host.GrpcEndpoint, invoker => new OtlpGrpcTestClient(invoker));

    public async Task InitializeAsync() => _host = await OtlpReceiverHost.StartAsync(_telemetry, OtlpReceiverHost.ApiKeyMode());

    public async Task DisposeAsync()
    {
        _channels.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Primary_and_secondary_keys_are_accepted_a_missing_or_wrong_key_is_unauthenticated()
    {
        var traceId = OtlpTestData.NewTraceId();

        var primary = await Client.ExportAsync(OtlpTestData.Traces("svc", traceId, "with primary"), OtlpReceiverHost.PrimaryKey);
        var secondary = await Client.ExportAsync(OtlpTestData.Traces("svc", traceId, "with secondary"), OtlpReceiverHost.SecondaryKey);
        var missing = await Assert.ThrowsAsync<RpcException>(() => Client.ExportAsync(OtlpTestData.Traces("svc", traceId, "without key")));
        var wrong = await Assert.ThrowsAsync<RpcException>(() => Client.ExportAsync(OtlpTestData.Traces("svc", traceId, "wrong key"), "not-the-key"));
        var wrongLogs = await Assert.ThrowsAsync<RpcException>(() => Client.ExportAsync(OtlpTestData.Logs("svc", "line"), OtlpReceiverHost.PrimaryKey + "x"));
        var wrongMetrics = await Assert.ThrowsAsync<RpcException>(() => Client.ExportAsync(OtlpTestData.Metrics("svc", "m", 1), ""));

        Assert.Null(primary.PartialSuccess);
        Assert.Null(secondary.PartialSuccess);
        Assert.All([missing, wrong, wrongLogs, wrongMetrics], e => Assert.Equal(StatusCode.Unauthenticated, e.StatusCode));
        Assert.Equal("Missing x-otlp-api-key header.", missing.Status.Detail);
        Assert.Equal("Invalid x-otlp-api-key header.", wrong.Status.Detail);
        Assert.Equal(["with primary", "with secondary"], _telemetry.Spans.Select(s => s.Name));
        Assert.Empty(_telemetry.Logs);
        Assert.Empty(_telemetry.Metrics);
    }

    [Fact]
    public async Task Malformed_message_is_invalid_argument_and_the_next_export_succeeds()
    {
        var malformed = await Assert.ThrowsAsync<RpcException>(() =>
            Client.ExportTracesRawAsync([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01], OtlpReceiverHost.PrimaryKey));
        var traceId = OtlpTestData.NewTraceId();
        await Client.ExportAsync(OtlpTestData.Traces("svc", traceId, "after garbage"), OtlpReceiverHost.PrimaryKey);

        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.Equal("after garbage", Assert.Single(_telemetry.Spans).Name);
    }

    [Fact]
    public async Task Partial_success_reaches_the_exporter_for_every_signal()
    {
        var sink = new RejectingSink();
        await using var host = await OtlpReceiverHost.StartAsync(sink);
        var client = _channels.CreateClient(host.GrpcEndpoint, invoker => new OtlpGrpcTestClient(invoker));

        var traces = await client.ExportAsync(OtlpTestData.Traces("svc", OtlpTestData.NewTraceId(), "a", "b"));
        var logs = await client.ExportAsync(OtlpTestData.Logs("svc", "one", "two"));
        var metrics = await client.ExportAsync(OtlpTestData.Metrics("svc", "gauge", 1, 2, 3));

        Assert.Equal(1, traces.PartialSuccess.RejectedSpans);
        Assert.Equal(1, logs.PartialSuccess.RejectedLogRecords);
        Assert.Equal(1, metrics.PartialSuccess.RejectedDataPoints);
        Assert.All([traces.PartialSuccess.ErrorMessage, logs.PartialSuccess.ErrorMessage, metrics.PartialSuccess.ErrorMessage],
            message => Assert.Equal(RejectingSink.Reason, message));
        Assert.Equal(2, sink.Telemetry.Spans.Count);
    }

    [Fact]
    public async Task Message_over_the_configured_limit_is_resource_exhausted_and_the_next_export_succeeds()
    {
        var telemetry = new ReceivedTelemetry();
        await using var host = await OtlpReceiverHost.StartAsync(telemetry, new Dictionary<string, string?> { ["Dashboard:Otlp:MaxRequestSize"] = "65536" });
        var client = _channels.CreateClient(host.GrpcEndpoint, invoker => new OtlpGrpcTestClient(invoker));
        var traceId = OtlpTestData.NewTraceId();

        var tooLarge = await Assert.ThrowsAsync<RpcException>(() =>
            client.ExportAsync(OtlpTestData.Traces("svc", traceId, [.. Enumerable.Repeat(new string('x', 1000), 100)])));
        await client.ExportAsync(OtlpTestData.Traces("svc", traceId, "small"));

        Assert.Equal(StatusCode.ResourceExhausted, tooLarge.StatusCode);
        Assert.Equal("small", Assert.Single(telemetry.Spans).Name);
    }
}
