using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using TraceApp.Dashboard.Otlp;
using TraceApp.Dashboard.Otlp.Collector.Trace;
using TraceApp.Dashboard.Otlp.Common;
using TraceApp.Dashboard.Otlp.Trace;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Telemetry;

/// <summary>The minimal OTLP/HTTP receiver tests rely on: it stores what parses and rejects what does not.</summary>
public sealed class OtlpHttpReceiverTests : IAsyncLifetime
{
    private OtlpHttpReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await OtlpHttpReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string contentType = OtlpHttpEndpoints.ProtobufContentType)
    {
        using var http = TestHttp.CreateClient();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await http.PostAsync(new Uri(_receiver.Endpoint, "/v1/traces"), content);
    }

    [Fact]
    public async Task Malformed_and_wrongly_typed_bodies_are_rejected_and_the_receiver_keeps_serving()
    {
        using var garbage = await PostAsync([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]);
        using var json = await PostAsync("{}"u8.ToArray(), "text/plain");
        var traceId = ActivityTraceIdBytes();
        var request = new ExportTraceServiceRequest
        {
            ResourceSpans =
            {
                new ResourceSpans
                {
                    Resource = new() { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "probe" } } } },
                    ScopeSpans = { new ScopeSpans { Spans = { new Span { TraceId = ByteString.CopyFrom(traceId), SpanId = ByteString.CopyFrom(new byte[8] { 1, 2, 3, 4, 5, 6, 7, 8 }), Name = "probe span" } } } },
                },
            },
        };
        using var valid = await PostAsync(request.ToByteArray());

        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        var span = Assert.Single(_receiver.Telemetry.Spans);
        Assert.Equal("probe span", span.Name);
        Assert.Equal("probe", span.ServiceName);
        Assert.Equal(Convert.ToHexStringLower(traceId), span.TraceId);
        Assert.Equal("0102030405060708", span.SpanId);
    }

    private static byte[] ActivityTraceIdBytes()
    {
        var bytes = new byte[16];
        System.Diagnostics.ActivityTraceId.CreateRandom().CopyTo(bytes);
        return bytes;
    }
}
