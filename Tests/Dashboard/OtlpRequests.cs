using Google.Protobuf;
using TraceApp.Dashboard.Otlp.Collector.Logs;
using TraceApp.Dashboard.Otlp.Collector.Metrics;
using TraceApp.Dashboard.Otlp.Collector.Trace;
using TraceApp.Dashboard.Otlp.Common;
using TraceApp.Dashboard.Otlp.Logs;
using TraceApp.Dashboard.Otlp.Metrics;
using TraceApp.Dashboard.Otlp.Trace;
using OtlpResource = TraceApp.Dashboard.Otlp.Resource.Resource;
using OtlpSpan = TraceApp.Dashboard.Otlp.Trace.Span;

namespace TraceApp.Tests.Dashboard;

/// <summary>Builds OTLP export requests the way an SDK sends them, with times in milliseconds after a fixed epoch.</summary>
internal static class OtlpRequests
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string TraceId(int n) => n.ToString("x32");

    public static string SpanId(int n) => n.ToString("x16");

    public static ulong At(double milliseconds) =>
        (ulong)((Epoch - DateTimeOffset.UnixEpoch).Ticks * 100 + (long)(milliseconds * 1_000_000));

    public static OtlpSpan Span(
        string traceId, string spanId, string? parentSpanId, string name, double startMs, double durationMs, params KeyValue[] attributes)
    {
        var span = new OtlpSpan
        {
            TraceId = Id(traceId),
            SpanId = Id(spanId),
            ParentSpanId = parentSpanId is null ? ByteString.Empty : Id(parentSpanId),
            Name = name,
            Kind = OtlpSpan.Types.SpanKind.Internal,
            StartTimeUnixNano = At(startMs),
            EndTimeUnixNano = At(startMs + durationMs),
        };
        span.Attributes.Add(attributes);
        return span;
    }

    public static KeyValue Attr(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    public static KeyValue Attr(string key, long value) => new() { Key = key, Value = new AnyValue { IntValue = value } };

    public static KeyValue Attr(string key, AnyValue value) => new() { Key = key, Value = value };

    public static OtlpResource Resource(string? service, string? instanceId = null)
    {
        var resource = new OtlpResource();
        if (service is not null)
        {
            resource.Attributes.Add(Attr("service.name", service));
        }

        if (instanceId is not null)
        {
            resource.Attributes.Add(Attr("service.instance.id", instanceId));
        }

        return resource;
    }

    public static ResourceSpans Spans(OtlpResource resource, params OtlpSpan[] spans) => new()
    {
        Resource = resource,
        ScopeSpans = { new ScopeSpans { Scope = new InstrumentationScope { Name = "test" }, Spans = { spans } } },
    };

    public static ResourceSpans Spans(string service, params OtlpSpan[] spans) => Spans(Resource(service), spans);

    public static ExportTraceServiceRequest Traces(params ResourceSpans[] resourceSpans) => new() { ResourceSpans = { resourceSpans } };

    public static ExportTraceServiceRequest Traces(string service, params OtlpSpan[] spans) => Traces(Spans(service, spans));

    public static LogRecord Log(
        double timeMs, SeverityNumber severity, string message, string? traceId = null, string? spanId = null, params KeyValue[] attributes)
    {
        var record = new LogRecord
        {
            TimeUnixNano = At(timeMs),
            SeverityNumber = severity,
            SeverityText = severity.ToString(),
            Body = new AnyValue { StringValue = message },
            TraceId = traceId is null ? ByteString.Empty : Id(traceId),
            SpanId = spanId is null ? ByteString.Empty : Id(spanId),
        };
        record.Attributes.Add(attributes);
        return record;
    }

    public static ExportLogsServiceRequest Logs(OtlpResource resource, params LogRecord[] records) => new()
    {
        ResourceLogs =
        {
            new ResourceLogs
            {
                Resource = resource,
                ScopeLogs = { new ScopeLogs { Scope = new InstrumentationScope { Name = "Test.Category" }, LogRecords = { records } } },
            },
        },
    };

    public static ExportLogsServiceRequest Logs(string service, params LogRecord[] records) => Logs(Resource(service), records);

    public static ExportMetricsServiceRequest Metrics(OtlpResource resource, params Metric[] metrics) => new()
    {
        ResourceMetrics =
        {
            new ResourceMetrics
            {
                Resource = resource,
                ScopeMetrics = { new ScopeMetrics { Scope = new InstrumentationScope { Name = "TestMeter" }, Metrics = { metrics } } },
            },
        },
    };

    public static Metric Counter(string name, double timeMs, long value, params KeyValue[] attributes)
    {
        var point = new NumberDataPoint { StartTimeUnixNano = At(0), TimeUnixNano = At(timeMs), AsInt = value };
        point.Attributes.Add(attributes);
        return new Metric
        {
            Name = name,
            Unit = "{request}",
            Sum = new Sum { IsMonotonic = true, AggregationTemporality = AggregationTemporality.Cumulative, DataPoints = { point } },
        };
    }

    public static ByteString Id(string hex) => ByteString.CopyFrom(Convert.FromHexString(hex));
}
