using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using TraceApp.Dashboard.Otlp;
using TraceApp.Dashboard.Otlp.Collector.Trace;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Dashboard;

/// <summary>
/// OTLP/HTTP on the dashboard's receivers in ApiKey mode, with hand-made requests: both encodings, gzip, keys,
/// partial success, and everything that must be refused without stopping the receiver from serving.
/// </summary>
public sealed class DashboardOtlpHttpTests : IAsyncLifetime
{
    private readonly ReceivedTelemetry _telemetry = new();
    private readonly HttpClient _http = TestHttp.CreateClient();
    private OtlpReceiverHost _host = null!;

    public async Task InitializeAsync() => _host = await OtlpReceiverHost.StartAsync(_telemetry, OtlpReceiverHost.ApiKeyMode());

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Json_with_hex_ids_numeric_enums_and_string_int64s_is_understood_and_answered_in_json()
    {
        var (traceId, spanId, parentId) = (OtlpTestData.NewTraceId(), OtlpTestData.NewSpanId(), OtlpTestData.NewSpanId());
        var traces = $$$"""
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"json-svc"}}]},
              "scopeSpans":[{"scope":{"name":"by hand"},"spans":[{
                "traceId":"{{{traceId.ToUpperInvariant()}}}","spanId":"{{{spanId}}}","parentSpanId":"{{{parentId}}}",
                "name":"json span","kind":3,"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":1700000000100000000,
                "attributes":[{"key":"count","value":{"intValue":"42"}},{"key":"ok","value":{"boolValue":true}}],
                "links":[{"traceId":"{{{traceId}}}","spanId":"{{{parentId}}}"}],
                "status":{"code":2,"message":"failed"},"aFieldFromTheFuture":{"x":[1,2]}}]}]}]}
            """;
        var logs = $$$"""
            {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"json-svc"}}]},
              "scopeLogs":[{"logRecords":[{"timeUnixNano":"1700000000000000000","severityNumber":9,"severityText":"Information",
                "body":{"stringValue":"hello from json"},"traceId":"{{{traceId}}}","spanId":"{{{spanId}}}"}]}]}]}
            """;
        var metrics = $$$"""
            {"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"queue.depth","gauge":{"dataPoints":[
              {"asInt":"7","timeUnixNano":1700000000000000000,
               "exemplars":[{"asDouble":1.5,"timeUnixNano":"1700000000000000000","traceId":"{{{traceId}}}","spanId":"{{{spanId}}}"}]}]}}]}]}]}
            """;

        using var tracesResponse = await PostAsync("/v1/traces", Json(traces), OtlpReceiverHost.PrimaryKey);
        using var logsResponse = await PostAsync("/v1/logs", Json(logs), OtlpReceiverHost.PrimaryKey);
        using var metricsResponse = await PostAsync("/v1/metrics", Json(metrics), OtlpReceiverHost.PrimaryKey);

        foreach (var response in new[] { tracesResponse, logsResponse, metricsResponse })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Empty(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateObject()); // no partialSuccess
        }

        var span = Assert.Single(_telemetry.Spans);
        Assert.Equal((traceId, spanId, parentId), (span.TraceId, span.SpanId, span.ParentSpanId));
        Assert.Equal(("json span", "json-svc", "42", "true"), (span.Name, span.ServiceName, span.Attribute("count"), span.Attribute("ok")));
        Assert.Equal(TraceApp.Dashboard.Otlp.Trace.Span.Types.SpanKind.Client, span.Span.Kind);
        Assert.Equal(1_700_000_000_100_000_000UL, span.Span.EndTimeUnixNano);
        Assert.Equal(traceId, ReceivedSpan.Hex(Assert.Single(span.Span.Links).TraceId));
        var log = Assert.Single(_telemetry.LogRecords);
        Assert.Equal((traceId, spanId, "hello from json"), (ReceivedSpan.Hex(log.TraceId), ReceivedSpan.Hex(log.SpanId), log.Body.StringValue));
        Assert.Equal(TraceApp.Dashboard.Otlp.Logs.SeverityNumber.Info, log.SeverityNumber);
        var point = Assert.Single(Assert.Single(_telemetry.Metrics).ResourceMetrics[0].ScopeMetrics[0].Metrics).Gauge.DataPoints[0];
        Assert.Equal(7, point.AsInt);
        Assert.Equal(spanId, ReceivedSpan.Hex(Assert.Single(point.Exemplars).SpanId));
    }

    [Fact]
    public async Task Gzip_encoded_protobuf_and_json_are_understood()
    {
        var traceId = OtlpTestData.NewTraceId();
        var json = $$$"""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"{{{traceId}}}","spanId":"{{{OtlpTestData.NewSpanId()}}}","name":"gzip json"}]}]}]}""";

        using var protobuf = await PostAsync("/v1/traces", Gzip(Protobuf(OtlpTestData.Traces("svc", traceId, "gzip protobuf").ToByteArray())), OtlpReceiverHost.PrimaryKey);
        using var jsonResponse = await PostAsync("/v1/traces", Gzip(Json(json)), OtlpReceiverHost.PrimaryKey);

        Assert.Equal(HttpStatusCode.OK, protobuf.StatusCode);
        Assert.Equal("application/x-protobuf", protobuf.Content.Headers.ContentType?.MediaType);
        Assert.Null(ExportTraceServiceResponse.Parser.ParseFrom(await protobuf.Content.ReadAsByteArrayAsync()).PartialSuccess);
        Assert.Equal(HttpStatusCode.OK, jsonResponse.StatusCode);
        Assert.Equal(["gzip protobuf", "gzip json"], _telemetry.Spans.Select(s => s.Name));
    }

    [Fact]
    public async Task Primary_and_secondary_keys_are_accepted_a_missing_or_wrong_key_is_401()
    {
        var traceId = OtlpTestData.NewTraceId();
        HttpContent Body(string name) => Protobuf(OtlpTestData.Traces("svc", traceId, name).ToByteArray());

        using var primary = await PostAsync("/v1/traces", Body("primary"), OtlpReceiverHost.PrimaryKey);
        using var secondary = await PostAsync("/v1/traces", Body("secondary"), OtlpReceiverHost.SecondaryKey);
        using var missing = await PostAsync("/v1/traces", Body("missing"), apiKey: null);
        using var wrong = await PostAsync("/v1/traces", Body("wrong"), OtlpReceiverHost.PrimaryKey[..^1]);
        using var wrongLogs = await PostAsync("/v1/logs", Protobuf(OtlpTestData.Logs("svc", "x").ToByteArray()), "nope");

        Assert.Equal(HttpStatusCode.OK, primary.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondary.StatusCode);
        Assert.All([missing, wrong, wrongLogs], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal("Missing x-otlp-api-key header.", await ProblemDetailAsync(missing));
        Assert.Equal("Invalid x-otlp-api-key header.", await ProblemDetailAsync(wrong));
        Assert.Equal(["primary", "secondary"], _telemetry.Spans.Select(s => s.Name));
        Assert.Empty(_telemetry.Logs);
    }

    [Fact]
    public async Task Malformed_bodies_are_400_and_the_next_export_succeeds()
    {
        var key = OtlpReceiverHost.PrimaryKey;
        using var protobuf = await PostAsync("/v1/traces", Protobuf([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]), key);
        using var truncatedJson = await PostAsync("/v1/traces", Json("""{"resourceSpans":[{"scopeSpans":["""), key);
        using var wrongShape = await PostAsync("/v1/logs", Json("""{"resourceLogs":{"not":"a list"}}"""), key);
        using var badId = await PostAsync("/v1/traces", Json("""{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"not hex!"}]}]}]}"""), key);
        using var badGzip = await PostAsync("/v1/metrics", Gzip(Protobuf(OtlpTestData.Metrics("svc", "m", 1).ToByteArray()), corrupt: true), key);
        var traceId = OtlpTestData.NewTraceId();
        using var good = await PostAsync("/v1/traces", Protobuf(OtlpTestData.Traces("svc", traceId, "good").ToByteArray()), key);

        foreach (var response in new[] { protobuf, truncatedJson, wrongShape, badId, badGzip })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.StartsWith("The body is not a valid OTLP Protobuf ExportTraceServiceRequest", await ProblemDetailAsync(protobuf), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("good", Assert.Single(_telemetry.Spans).Name);
    }

    [Fact]
    public async Task Bodies_over_the_configured_limit_are_400_however_they_arrive_and_the_next_export_succeeds()
    {
        var telemetry = new ReceivedTelemetry();
        await using var host = await OtlpReceiverHost.StartAsync(telemetry, new Dictionary<string, string?> { ["Dashboard:Otlp:MaxRequestSize"] = "65536" });
        var large = OtlpTestData.Traces("svc", OtlpTestData.NewTraceId(), [.. Enumerable.Repeat(new string('x', 1000), 100)]).ToByteArray();

        using var declared = await PostAsync(host, "/v1/traces", Protobuf(large));
        using var chunked = await PostAsync(host, "/v1/traces", new StreamContent(new MemoryStream(large)) { Headers = { ContentType = new("application/x-protobuf") } });
        using var gzipBomb = await PostAsync(host, "/v1/traces", Gzip(Protobuf(new byte[50 * 1024 * 1024])));
        using var good = await PostAsync(host, "/v1/traces", Protobuf(OtlpTestData.Traces("svc", OtlpTestData.NewTraceId(), "small").ToByteArray()));

        Assert.All([declared, chunked, gzipBomb], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal("The export is larger than the 65536-byte limit.", await ProblemDetailAsync(gzipBomb));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("small", Assert.Single(telemetry.Spans).Name);
    }

    [Fact]
    public async Task Other_content_types_and_encodings_are_415()
    {
        var body = OtlpTestData.Traces("svc", OtlpTestData.NewTraceId(), "x").ToByteArray();
        using var text = await PostAsync("/v1/traces", new ByteArrayContent(body) { Headers = { ContentType = new("text/plain") } }, OtlpReceiverHost.PrimaryKey);
        var brotli = Protobuf(body);
        brotli.Headers.ContentEncoding.Add("br");
        using var encoded = await PostAsync("/v1/traces", brotli, OtlpReceiverHost.PrimaryKey);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, encoded.StatusCode);
        Assert.Empty(_telemetry.Spans);
    }

    [Fact]
    public async Task Partial_success_is_answered_in_the_request_format()
    {
        var sink = new RejectingSink();
        await using var host = await OtlpReceiverHost.StartAsync(sink);
        var traceId = OtlpTestData.NewTraceId();

        using var protobuf = await PostAsync(host, "/v1/traces", Protobuf(OtlpTestData.Traces("svc", traceId, "a", "b").ToByteArray()));
        using var json = await PostAsync(host, "/v1/logs", Json("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"x"}}]}]}]}"""));

        var traces = ExportTraceServiceResponse.Parser.ParseFrom(await protobuf.Content.ReadAsByteArrayAsync());
        Assert.Equal((1L, RejectingSink.Reason), (traces.PartialSuccess.RejectedSpans, traces.PartialSuccess.ErrorMessage));
        var logs = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("partialSuccess");
        Assert.Equal("1", logs.GetProperty("rejectedLogRecords").GetString()); // int64 is a string in protobuf JSON
        Assert.Equal(RejectingSink.Reason, logs.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Exports_are_served_only_on_their_own_listener()
    {
        // The gRPC listener speaks HTTP/2 only: an h2c POST of an OTLP/HTTP body reaches it, and must be refused.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_host.GrpcEndpoint, "/v1/traces"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = Protobuf(OtlpTestData.Traces("svc", OtlpTestData.NewTraceId(), "wrong door").ToByteArray()),
        };
        request.Headers.Add("x-otlp-api-key", OtlpReceiverHost.PrimaryKey);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_telemetry.Spans);
    }

    private Task<HttpResponseMessage> PostAsync(string path, HttpContent content, string? apiKey) => PostAsync(_host, path, content, apiKey);

    private async Task<HttpResponseMessage> PostAsync(OtlpReceiverHost host, string path, HttpContent content, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.HttpEndpoint, path)) { Content = content };
        if (apiKey is not null)
        {
            request.Headers.Add("x-otlp-api-key", apiKey);
        }

        return await _http.SendAsync(request);
    }

    private static ByteArrayContent Protobuf(byte[] body) => new(body) { Headers = { ContentType = new("application/x-protobuf") } };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static ByteArrayContent Gzip(HttpContent content, bool corrupt = false)
    {
        var plain = content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        var bytes = compressed.ToArray();
        if (corrupt)
        {
            bytes[^5] ^= 0xff; // the stored length no longer matches
            bytes[12] ^= 0xff;
        }

        var result = new ByteArrayContent(bytes) { Headers = { ContentType = content.Headers.ContentType } };
        result.Headers.ContentEncoding.Add("gzip");
        return result;
    }

    private static async Task<string?> ProblemDetailAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
}
