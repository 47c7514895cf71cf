using Google.Protobuf;
using TraceApp.Dashboard.Otlp.Collector.Trace;
using TraceApp.Dashboard.Otlp.Common;
using TraceApp.Dashboard.Otlp.Resource;
using TraceApp.Dashboard.Otlp.Trace;

namespace TraceApp.Benchmarks;

/// <summary>
/// OTLP trace exports shaped like TraceApp's own traffic: 5 spans per trace (Api request → NATS publish →
/// Worker job.process → a postgresql command and an HTTP call), about 8 attributes each, some unique per trace
/// (job id, URLs), 1 % failing with an exception event, root durations spread over 1–500 ms. Each batch is
/// serialized and parsed back, so the store sees fresh strings as it does behind a receiver.
/// </summary>
internal sealed class TelemetryWorkload
{
    public const int SpansPerTrace = 5;
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Operations = ["resize", "thumbnail", "transcode", "archive"];
    private long _nextSpan;

    /// <summary>Serialized export of the next <paramref name="spanCount"/> spans; a trace may be split across two batches.</summary>
    public byte[] NextBatch(int spanCount)
    {
        var api = new ResourceSpans { Resource = Resource("api", "a1f3c2"), ScopeSpans = { new ScopeSpans { Scope = new() { Name = "Microsoft.AspNetCore" } } } };
        var worker = new ResourceSpans { Resource = Resource("worker", "w7b9e1"), ScopeSpans = { new ScopeSpans { Scope = new() { Name = "TraceApp.Worker" } } } };
        for (var i = 0; i < spanCount; i++)
        {
            var trace = _nextSpan / SpansPerTrace;
            var position = (int)(_nextSpan % SpansPerTrace);
            var span = CreateSpan(trace, position);
            (position < 2 ? api : worker).ScopeSpans[0].Spans.Add(span);
            _nextSpan++;
        }

        return new ExportTraceServiceRequest { ResourceSpans = { api, worker } }.ToByteArray();
    }

    public static ExportTraceServiceRequest Parse(byte[] batch) => ExportTraceServiceRequest.Parser.ParseFrom(batch);

    private Span CreateSpan(long trace, int position)
    {
        // Per-trace values derive from the trace number so every span of a trace agrees, whichever batch it is in.
        var traceRandom = new Random((int)trace);
        var rootDuration = 1 + traceRandom.Next(500);
        var jobId = $"job-{trace:x8}";
        var operation = Operations[trace % Operations.Length];
        var start = (Start - DateTimeOffset.UnixEpoch).Ticks * 100 + trace * 1_000_000;
        var (offset, duration) = position switch
        {
            0 => (0, rootDuration * 1_000_000L),
            1 => (100_000L, 400_000L),
            2 => (600_000L, (rootDuration - 1) * 800_000L),
            3 => (800_000L, 1_500_000L),
            _ => (2_500_000L, 3_000_000L),
        };

        var span = new Span
        {
            TraceId = Id(16, trace + 1),
            SpanId = Id(8, trace * SpansPerTrace + position + 1),
            ParentSpanId = position == 0 ? ByteString.Empty : Id(8, trace * SpansPerTrace + (position == 1 ? 0 : position == 2 ? 1 : 2) + 1),
            StartTimeUnixNano = (ulong)(start + offset),
            EndTimeUnixNano = (ulong)(start + offset + duration),
        };

        switch (position)
        {
            case 0:
                span.Name = "POST /api/jobs";
                span.Kind = Span.Types.SpanKind.Server;
                span.Attributes.Add([
                    Text("http.request.method", "POST"), Text("url.path", "/api/jobs"), Text("url.scheme", "http"),
                    Text("http.route", "/api/jobs"), Int("http.response.status_code", 202), Text("server.address", "127.0.0.1"),
                    Int("server.port", 5080), Text("user_agent.original", "traceapp/0.1.0"),
                ]);
                break;
            case 1:
                span.Name = "jobs.submit publish";
                span.Kind = Span.Types.SpanKind.Producer;
                span.Attributes.Add([
                    Text("messaging.system", "nats"), Text("messaging.destination.name", "jobs.submit"),
                    Text("messaging.operation.type", "publish"), Int("messaging.message.body.size", 96 + traceRandom.Next(64)),
                    Text("job.id", jobId), Text("server.address", "127.0.0.1"), Int("server.port", 4222), Text("network.transport", "tcp"),
                ]);
                break;
            case 2:
                span.Name = "job.process";
                span.Kind = Span.Types.SpanKind.Consumer;
                span.Attributes.Add([
                    Text("job.id", jobId), Text("job.operation", operation), Text("job.target", $"s3://uploads/img-{trace}.png"),
                    Text("messaging.system", "nats"), Text("messaging.destination.name", "jobs.submit"),
                    Text("messaging.operation.type", "process"), Text("messaging.consumer.group.name", "workers"),
                    Int("thread.id", 4 + traceRandom.Next(8)),
                ]);
                if (trace % 100 == 0)
                {
                    span.Status = new Status { Code = Status.Types.StatusCode.Error, Message = "Image could not be decoded" };
                    span.Events.Add(new Span.Types.Event
                    {
                        Name = "exception",
                        TimeUnixNano = span.EndTimeUnixNano,
                        Attributes =
                        {
                            Text("exception.type", "System.IO.InvalidDataException"),
                            Text("exception.message", "Image could not be decoded"),
                            Text("exception.stacktrace", "System.IO.InvalidDataException: Image could not be decoded\n   at TraceApp.Worker.ImageJob.RunAsync()"),
                        },
                    });
                }

                break;
            case 3:
                span.Name = "postgresql";
                span.Kind = Span.Types.SpanKind.Client;
                span.Attributes.Add([
                    Text("db.system.name", "postgresql"), Text("db.namespace", "traceapp"),
                    Text("db.query.text", "UPDATE jobs SET state = $1, updated_at = now() WHERE id = $2"),
                    Text("db.operation.name", "UPDATE"), Text("db.collection.name", "jobs"), Text("server.address", "127.0.0.1"),
                    Int("server.port", 5432), Text("network.peer.address", "127.0.0.1"),
                ]);
                break;
            default:
                span.Name = "GET";
                span.Kind = Span.Types.SpanKind.Client;
                span.Attributes.Add([
                    Text("http.request.method", "GET"), Text("url.full", $"http://127.0.0.1:5090/objects/img-{trace}.png"),
                    Text("server.address", "127.0.0.1"), Int("server.port", 5090), Int("http.response.status_code", 200),
                    Text("network.protocol.version", "1.1"), Text("url.scheme", "http"), Int("http.response.body.size", 20_000 + traceRandom.Next(50_000)),
                ]);
                break;
        }

        return span;
    }

    private static Resource Resource(string service, string instanceId) => new()
    {
        Attributes =
        {
            Text("service.name", service), Text("service.instance.id", instanceId), Text("service.version", "0.1.0"),
            Text("telemetry.sdk.name", "opentelemetry"), Text("telemetry.sdk.language", "dotnet"), Text("telemetry.sdk.version", "1.20.1"),
            Text("host.name", "bench-host"),
        },
    };

    private static ByteString Id(int length, long value)
    {
        var bytes = new byte[length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(length - 8), value);
        bytes[0] |= 0x40; // ids are random in practice; no leading zero bytes
        return ByteString.CopyFrom(bytes);
    }

    private static KeyValue Text(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    private static KeyValue Int(string key, long value) => new() { Key = key, Value = new AnyValue { IntValue = value } };
}
