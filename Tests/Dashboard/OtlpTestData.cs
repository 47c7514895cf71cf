using System.Diagnostics;
using Google.Protobuf;
using TraceApp.Dashboard.Otlp;
using TraceApp.Dashboard.Otlp.Collector.Logs;
using TraceApp.Dashboard.Otlp.Collector.Metrics;
using TraceApp.Dashboard.Otlp.Collector.Trace;
using TraceApp.Dashboard.Otlp.Common;
using TraceApp.Dashboard.Otlp.Logs;
using TraceApp.Dashboard.Otlp.Metrics;
using TraceApp.Dashboard.Otlp.Trace;

namespace TraceApp.Tests.Dashboard;

/// <summary>Small OTLP requests with fresh ids, and a sink that refuses part of every export.</summary>
public static class OtlpTestData
{
    public static string NewTraceId() => ActivityTraceId.CreateRandom().ToHexString();

    public static string NewSpanId() => ActivitySpanId.CreateRandom().ToHexString();

    public static ExportTraceServiceRequest Traces(string service, string traceId, params string[] spanNames) => new()
    {
        ResourceSpans =
        {
            new ResourceSpans
            {
                Resource = new() { Attributes = { Attribute("service.name", service) } },
                ScopeSpans =
                {
                    new ScopeSpans
                    {
                        Scope = new() { Name = "traceapp.tests" },
                        Spans =
                        {
                            spanNames.Select(name => new Span
                            {
                                TraceId = ByteString.CopyFrom(Convert.FromHexString(traceId)),
                                SpanId = ByteString.CopyFrom(Convert.FromHexString(NewSpanId())),
                                Name = name,
                                Kind = Span.Types.SpanKind.Internal,
                                StartTimeUnixNano = 1_700_000_000_000_000_000,
                                EndTimeUnixNano = 1_700_000_000_100_000_000,
                            }),
                        },
                    },
                },
            },
        },
    };

    public static ExportLogsServiceRequest Logs(string service, params string[] bodies) => new()
    {
        ResourceLogs =
        {
            new ResourceLogs
            {
                Resource = new() { Attributes = { Attribute("service.name", service) } },
                ScopeLogs =
                {
                    new ScopeLogs
                    {
                        LogRecords =
                        {
                            bodies.Select(body => new LogRecord
                            {
                                Body = new AnyValue { StringValue = body },
                                SeverityNumber = SeverityNumber.Info,
                                TimeUnixNano = 1_700_000_000_000_000_000,
                            }),
                        },
                    },
                },
            },
        },
    };

    public static ExportMetricsServiceRequest Metrics(string service, string metricName, params long[] values) => new()
    {
        ResourceMetrics =
        {
            new ResourceMetrics
            {
                Resource = new() { Attributes = { Attribute("service.name", service) } },
                ScopeMetrics =
                {
                    new ScopeMetrics
                    {
                        Metrics =
                        {
                            new Metric
                            {
                                Name = metricName,
                                Gauge = new Gauge
                                {
                                    DataPoints = { values.Select(value => new NumberDataPoint { AsInt = value, TimeUnixNano = 1_700_000_000_000_000_000 }) },
                                },
                            },
                        },
                    },
                },
            },
        },
    };

    public static KeyValue Attribute(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };
}

/// <summary>Records everything into <see cref="Telemetry"/> but reports the first item of each export as rejected.</summary>
public sealed class RejectingSink : IOtlpSink
{
    public const string Reason = "the first item of every export is refused by this test";

    public ReceivedTelemetry Telemetry { get; } = new();

    public OtlpIngestResult AddTraces(ExportTraceServiceRequest request)
    {
        Telemetry.AddTraces(request);
        return new OtlpIngestResult(1, Reason);
    }

    public OtlpIngestResult AddLogs(ExportLogsServiceRequest request)
    {
        Telemetry.AddLogs(request);
        return new OtlpIngestResult(1, Reason);
    }

    public OtlpIngestResult AddMetrics(ExportMetricsServiceRequest request)
    {
        Telemetry.AddMetrics(request);
        return new OtlpIngestResult(1, Reason);
    }
}
