using System.Text.Json;
using TraceApp.Dashboard.Otlp;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Dashboard;

/// <summary>
/// An OTLP exporter we did not write: the OpenTelemetry JS SDK (<c>@opentelemetry/sdk-trace-base</c> with the
/// <c>exporter-trace-otlp-grpc</c>, <c>-proto</c> and <c>-http</c> (JSON) packages) sending a parent and a child span
/// to the dashboard's receivers, with and without gzip, and refused with a wrong key.
/// </summary>
public sealed class NodeOtlpExporterTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly ReceivedTelemetry _telemetry = new();
    private OtlpReceiverHost _host = null!;

    public async Task InitializeAsync() => _host = await OtlpReceiverHost.StartAsync(_telemetry, OtlpReceiverHost.ApiKeyMode());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("grpc", "none")]
    [InlineData("grpc", "gzip")]
    [InlineData("proto", "none")]
    [InlineData("proto", "gzip")]
    [InlineData("json", "none")]
    public async Task Spans_from_the_js_sdk_arrive_with_their_ids_and_attributes(string protocol, string compression)
    {
        var export = await ExportAsync(protocol, OtlpReceiverHost.PrimaryKey, compression);

        Assert.Equal(0, export.Code);
        var spans = await _telemetry.WaitForSpansAsync(s => s.TraceId == export.TraceId, Timeout, count: 2);
        var parent = Assert.Single(spans, s => s.Name == "node parent");
        var child = Assert.Single(spans, s => s.Name == "node child");
        Assert.Equal(export.ParentSpanId, parent.SpanId);
        Assert.Equal("", parent.ParentSpanId);
        Assert.Equal((export.ChildSpanId, export.ParentSpanId), (child.SpanId, child.ParentSpanId));
        Assert.Equal($"node-otlp-{protocol}", parent.ServiceName);
        Assert.Equal(("42", protocol), (parent.Attribute("interop.count"), parent.Attribute("interop.protocol")));
        Assert.Equal("traceapp-interop", parent.Scope.Name);
        Assert.Equal(TraceApp.Dashboard.Otlp.Trace.Span.Types.SpanKind.Client, child.Span.Kind);
        Assert.Equal("halfway", Assert.Single(child.Span.Events).Name);
        Assert.True(child.Span.EndTimeUnixNano >= child.Span.StartTimeUnixNano && child.Span.StartTimeUnixNano > 0);
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("proto")]
    [InlineData("json")]
    public async Task A_wrong_key_fails_the_js_export_and_stores_nothing(string protocol)
    {
        var export = await ExportAsync(protocol, "wrong-key", "none");

        Assert.Equal(1, export.Code);
        Assert.Contains(protocol == "grpc" ? "UNAUTHENTICATED" : "Unauthorized", export.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(_telemetry.Spans, s => s.TraceId == export.TraceId);
    }

    private sealed record Export(string TraceId, string ParentSpanId, string ChildSpanId, int Code, string? Error);

    private async Task<Export> ExportAsync(string protocol, string apiKey, string compression)
    {
        var endpoint = protocol == "grpc" ? _host.GrpcEndpoint : _host.HttpEndpoint;
        await using var node = NodeScript.Start("otlp-trace-export.mjs", protocol, endpoint.ToString(), apiKey, compression);
        var exitCode = await node.Exited.WaitAsync(Timeout);
        Assert.True(exitCode == 0, $"node exited with {exitCode}:{Environment.NewLine}{node.Tail()}");
        var output = JsonDocument.Parse(node.StandardOutput.Lines.Last()).RootElement;
        var result = output.GetProperty("result");
        return new Export(output.GetProperty("traceId").GetString()!, output.GetProperty("parentSpanId").GetString()!,
            output.GetProperty("childSpanId").GetString()!, result.GetProperty("code").GetInt32(), result.GetProperty("error").GetString());
    }
}
