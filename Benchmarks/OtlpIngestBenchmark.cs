using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TraceApp.Dashboard.Otlp;
using TraceApp.Dashboard.Storage;
using TraceApp.Dashboard.Otlp.Collector.Trace;
using TraceApp.Dashboard.Otlp.Common;
using TraceApp.Dashboard.Otlp.Trace;
using TraceApp.Grpc.Client;

namespace TraceApp.Benchmarks;

/// <summary>
/// Ingest rate of the dashboard's OTLP receivers (ApiKey mode) into a counting sink, in spans/s, for batches of 512
/// spans as the SDKs' batch processors send them: OTLP/HTTP protobuf (plain and gzip), OTLP/HTTP JSON and OTLP/gRPC,
/// with 1 and 4 concurrent exporters, server and clients in this process. The baselines are the parsers alone.
/// </summary>
public static class OtlpIngestBenchmark
{
    private const int SpansPerBatch = 512;
    private const string Key = "benchmark-key";
    private static readonly TimeSpan RoundTime = TimeSpan.FromSeconds(5);

    public static async Task RunAsync()
    {
        var sink = new CountingOtlpSink();
        await using var app = await StartReceiversAsync(sink);
        var endpoints = app.Services.GetRequiredService<DashboardOtlpEndpoints>();
        var batch = CreateBatch();
        var protobuf = batch.ToByteArray();
        var gzip = Gzip(protobuf);
        var json = Encoding.UTF8.GetBytes(HexIds(JsonFormatter.Default.Format(batch)));
        using var http = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null, MaxConnectionsPerServer = 16 });
        using var channels = new GrpcChannels();
        var grpc = channels.GetChannel(endpoints.Grpc).CreateCallInvoker();
        var export = new Method<byte[], byte[]>(MethodType.Unary, "opentelemetry.proto.collector.trace.v1.TraceService", "Export",
            Marshallers.Create(static (byte[] b) => b, static b => b), Marshallers.Create(static (byte[] b) => b, static b => b));
        var grpcOptions = new CallOptions(new Metadata { { "x-otlp-api-key", Key } });

        Func<Task> Post(byte[] body, string contentType, bool gzipped = false) => async () =>
        {
            var content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } };
            if (gzipped)
            {
                content.Headers.ContentEncoding.Add("gzip");
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoints.Http, "/v1/traces")) { Content = content };
            request.Headers.Add("x-otlp-api-key", Key);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        };

        Console.WriteLine($"OTLP trace export of {SpansPerBatch} spans per batch: protobuf {protobuf.Length:N0} B, gzip {gzip.Length:N0} B, JSON {json.Length:N0} B; {RoundTime.TotalSeconds:F0} s per row");
        Console.WriteLine("| Transport | Exporters | Spans/s | Batches/s | p50 per batch | p99 per batch |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Print("protobuf parse only, no transport (baseline)", 1, await MeasureAsync(() =>
        {
            ExportTraceServiceRequest.Parser.ParseFrom(protobuf);
            return Task.CompletedTask;
        }, 1));
        var base64Json = JsonFormatter.Default.Format(batch);
        var jsonParser = new JsonParser(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
        Print("JsonParser alone on the same JSON with base64 ids (baseline)", 1, await MeasureAsync(() =>
        {
            jsonParser.Parse<ExportTraceServiceRequest>(base64Json);
            return Task.CompletedTask;
        }, 1));
        foreach (var exporters in new[] { 1, 4 })
        {
            Print("OTLP/HTTP protobuf", exporters, await MeasureAsync(Post(protobuf, "application/x-protobuf"), exporters));
            Print("OTLP/HTTP protobuf + gzip", exporters, await MeasureAsync(Post(gzip, "application/x-protobuf", gzipped: true), exporters));
            Print("OTLP/HTTP JSON", exporters, await MeasureAsync(Post(json, "application/json"), exporters));
            Print("OTLP/gRPC", exporters, await MeasureAsync(async () => await grpc.AsyncUnaryCall(export, null, grpcOptions, protobuf), exporters));
        }

        Console.WriteLine($"Sink: {sink.Spans:N0} spans in {sink.Exports:N0} exports.");
        await app.StopAsync();
        await MeasureIntoStoreAsync();
    }

    /// <summary>
    /// The same OTLP/HTTP protobuf path into the dashboard's real store (default limits, so it evicts as it fills):
    /// distinct batches, since the store keeps a resent span once, each posted once.
    /// </summary>
    private static async Task MeasureIntoStoreAsync()
    {
        const int batches = 600;
        var store = new TelemetryStore();
        await using var app = await StartReceiversAsync(new TelemetryStoreOtlpSink(store));
        var http = app.Services.GetRequiredService<DashboardOtlpEndpoints>().Http;
        using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null, MaxConnectionsPerServer = 16 });
        var bodies = Enumerable.Range(0, batches).Select(_ => CreateBatch().ToByteArray()).ToArray();
        foreach (var exporters in new[] { 1, 4 })
        {
            var next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, exporters).Select(_ => Task.Run(async () =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < batches)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(http, "/v1/traces"))
                    {
                        Content = new ByteArrayContent(bodies[index]) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-protobuf") } },
                    };
                    request.Headers.Add("x-otlp-api-key", Key);
                    using var response = await client.SendAsync(request);
                    response.EnsureSuccessStatusCode();
                }
            })));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| OTLP/HTTP protobuf into the telemetry store | {exporters} | {batches * SpansPerBatch / clock.Elapsed.TotalSeconds:N0} | | | |"));
        }

        var stats = store.GetStats();
        Console.WriteLine($"Store: {stats.SpanCount:N0} spans kept, {stats.EvictedSpans:N0} evicted.");
        await app.StopAsync();
    }

    private sealed record Result(double SpansPerSecond, double BatchesPerSecond, double P50Micros, double P99Micros);

    private static async Task<Result> MeasureAsync(Func<Task> exportBatch, int exporters)
    {
        for (var i = 0; i < 50; i++)
        {
            await exportBatch(); // warm-up
        }

        var clock = Stopwatch.StartNew();
        var perExporter = await Task.WhenAll(Enumerable.Range(0, exporters).Select(_ => Task.Run(async () =>
        {
            var micros = new List<double>();
            while (clock.Elapsed < RoundTime)
            {
                var start = Stopwatch.GetTimestamp();
                await exportBatch();
                micros.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }

            return micros;
        })));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = perExporter.SelectMany(m => m).Order().ToArray();
        return new Result(all.Length * SpansPerBatch / elapsed, all.Length / elapsed, all[all.Length / 2], all[(int)(all.Length * 0.99)]);
    }

    private static void Print(string transport, int exporters, Result result) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {transport} | {exporters} | {result.SpansPerSecond:N0} | {result.BatchesPerSecond:N0} | {Format(result.P50Micros)} | {Format(result.P99Micros)} |"));

    private static string Format(double micros) =>
        micros >= 1000 ? string.Create(CultureInfo.InvariantCulture, $"{micros / 1000:F2} ms") : string.Create(CultureInfo.InvariantCulture, $"{micros:F0} µs");

    private static async Task<WebApplication> StartReceiversAsync(IOtlpSink sink)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dashboard:Otlp:GrpcEndpointUrl"] = "http://127.0.0.1:0",
            ["Dashboard:Otlp:HttpEndpointUrl"] = "http://127.0.0.1:0",
            ["Dashboard:Otlp:PrimaryApiKey"] = Key,
        });
        builder.AddDashboardOtlp();
        builder.Services.AddSingleton(sink);
        var app = builder.Build();
        app.MapDashboardOtlp();
        await app.StartAsync();
        return app;
    }

    /// <summary>A batch shaped like an ASP.NET Core service's: server spans with the HTTP semantic-convention attributes.</summary>
    private static ExportTraceServiceRequest CreateBatch()
    {
        var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = "Microsoft.AspNetCore", Version = "10.0.0" } };
        var start = 1_700_000_000_000_000_000UL;
        for (var i = 0; i < SpansPerBatch; i++)
        {
            scope.Spans.Add(new Span
            {
                TraceId = Id(ActivityTraceId.CreateRandom().ToHexString()),
                SpanId = Id(ActivitySpanId.CreateRandom().ToHexString()),
                ParentSpanId = Id(ActivitySpanId.CreateRandom().ToHexString()),
                Name = "GET /orders/{id}",
                Kind = Span.Types.SpanKind.Server,
                StartTimeUnixNano = start + (ulong)i * 1_000_000,
                EndTimeUnixNano = start + (ulong)i * 1_000_000 + 850_000,
                Attributes =
                {
                    Text("http.request.method", "GET"),
                    Text("url.path", $"/orders/{i}"),
                    Text("http.route", "/orders/{id}"),
                    new KeyValue { Key = "http.response.status_code", Value = new AnyValue { IntValue = 200 } },
                    Text("server.address", "127.0.0.1"),
                    Text("user_agent.original", "TraceApp.Cli/0.1.0"),
                },
            });
        }

        return new ExportTraceServiceRequest
        {
            ResourceSpans =
            {
                new ResourceSpans
                {
                    Resource = new() { Attributes = { Text("service.name", "api"), Text("service.instance.id", "api-1a2b3c4d"), Text("service.version", "0.1.0") } },
                    ScopeSpans = { scope },
                },
            },
        };
    }

    private static ByteString Id(string hex) => ByteString.CopyFrom(Convert.FromHexString(hex));

    private static KeyValue Text(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    /// <summary>Protobuf JSON writes ids as base64; OTLP/JSON exporters send hex.</summary>
    private static string HexIds(string json) => Regex.Replace(json, "\"(traceId|spanId|parentSpanId)\": \"([A-Za-z0-9+/=]*)\"",
        match => $"\"{match.Groups[1].Value}\": \"{Convert.ToHexStringLower(Convert.FromBase64String(match.Groups[2].Value))}\"");

    private static byte[] Gzip(byte[] body)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest))
        {
            gzip.Write(body);
        }

        return compressed.ToArray();
    }
}
