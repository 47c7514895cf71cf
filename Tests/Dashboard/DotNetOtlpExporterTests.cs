using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TraceApp.Dashboard.Otlp;

namespace TraceApp.Tests.Dashboard;

/// <summary>
/// The .NET OpenTelemetry OTLP exporter (what every TraceApp service uses) sending traces, logs and metrics to the
/// dashboard's receivers over gRPC and over http/protobuf, authenticated with the secondary key.
/// </summary>
public sealed class DotNetOtlpExporterTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly ReceivedTelemetry _telemetry = new();
    private OtlpReceiverHost _host = null!;

    public async Task InitializeAsync() => _host = await OtlpReceiverHost.StartAsync(_telemetry, OtlpReceiverHost.ApiKeyMode());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(OtlpExportProtocol.Grpc)]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    public async Task Traces_logs_and_metrics_arrive(OtlpExportProtocol protocol)
    {
        var service = $"dotnet-{protocol}".ToLowerInvariant();
        using var source = new ActivitySource($"TraceApp.Tests.Otlp.{protocol}");
        using var meter = new Meter($"TraceApp.Tests.Otlp.{protocol}");
        var resource = ResourceBuilder.CreateEmpty().AddService(service);
        void Configure(OtlpExporterOptions options, string path)
        {
            options.Protocol = protocol;
            options.Endpoint = protocol == OtlpExportProtocol.Grpc ? _host.GrpcEndpoint : new Uri(_host.HttpEndpoint, path);
            options.Headers = $"x-otlp-api-key={OtlpReceiverHost.SecondaryKey}";
        }

        ActivityContext parent, child;
        using (Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(source.Name)
                   .AddOtlpExporter(options => Configure(options, "v1/traces")).Build())
        using (Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(meter.Name)
                   .AddOtlpExporter(options => Configure(options, "v1/metrics")).Build())
        using (var logging = LoggerFactory.Create(builder => builder.AddOpenTelemetry(options =>
                   options.SetResourceBuilder(resource).AddOtlpExporter(exporter => Configure(exporter, "v1/logs")))))
        {
            using (var parentActivity = source.StartActivity("dotnet parent")!)
            using (var childActivity = source.StartActivity("dotnet child", ActivityKind.Client)!)
            {
                (parent, child) = (parentActivity.Context, childActivity.Context);
                logging.CreateLogger("otlp-test").LogInformation("exported over {Protocol}", protocol);
            }

            meter.CreateCounter<long>("test.exports").Add(3);
        } // disposing the providers flushes all three signals

        var spans = await _telemetry.WaitForSpansAsync(s => s.ServiceName == service, Timeout, count: 2);
        var parentSpan = Assert.Single(spans, s => s.Name == "dotnet parent");
        var childSpan = Assert.Single(spans, s => s.Name == "dotnet child");
        Assert.Equal((parent.TraceId.ToHexString(), parent.SpanId.ToHexString()), (parentSpan.TraceId, parentSpan.SpanId));
        Assert.Equal((parent.TraceId.ToHexString(), parentSpan.SpanId), (childSpan.TraceId, childSpan.ParentSpanId));
        await _telemetry.WaitUntilAsync(received => received.LogRecords.Any(r => ReceivedSpan.Hex(r.SpanId) == child.SpanId.ToHexString()),
            Timeout, "the log record written inside the child span");
        await _telemetry.WaitUntilAsync(received => received.Metrics
                .SelectMany(m => m.ResourceMetrics).Where(r => ReceivedAttributes.Find(r.Resource.Attributes, "service.name") == service)
                .SelectMany(r => r.ScopeMetrics).SelectMany(s => s.Metrics)
                .Any(m => m.Name == "test.exports" && m.Sum.DataPoints.Sum(p => p.AsInt) == 3),
            Timeout, "the counter's data point");
    }
}
