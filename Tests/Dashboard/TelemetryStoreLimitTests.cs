using Google.Protobuf;
using TraceApp.Dashboard.Otlp.Common;
using TraceApp.Dashboard.Otlp.Logs;
using TraceApp.Dashboard.Otlp.Trace;
using TraceApp.Dashboard.Storage;
using static TraceApp.Tests.Dashboard.OtlpRequests;

namespace TraceApp.Tests.Dashboard;

/// <summary>What the store keeps of each item: attributes within the limits, values as text, repeated strings shared.</summary>
public sealed class TelemetryStoreLimitTests
{
    private static readonly TelemetryStoreOptions SmallLimits = new() { MaxAttributeCount = 3, MaxAttributeLength = 5, MaxEventsPerSpan = 2, MaxLinksPerSpan = 1 };

    [Fact]
    public void Span_attributes_beyond_the_count_limit_are_dropped_and_counted_and_long_values_truncated()
    {
        var store = new TelemetryStore(SmallLimits);
        var span = Span(TraceId(1), SpanId(1), null, "a long span name", 0, 1,
            Attr("a", "12345678"), Attr("b", "ok"), Attr("c", 3), Attr("d", "dropped"), Attr("e", "dropped"));
        span.DroppedAttributesCount = 4;
        span.Status = new Status { Code = Status.Types.StatusCode.Error, Message = "a long message" };
        for (var i = 0; i < 3; i++)
        {
            span.Events.Add(new Span.Types.Event { Name = $"event{i}", Attributes = { Attr("k", "v"), Attr("k2", "v"), Attr("k3", "v"), Attr("k4", "v") } });
            span.Links.Add(new Span.Types.Link { TraceId = Id(TraceId(2)), SpanId = Id(SpanId(i + 1)) });
        }

        store.AddTraces(Traces("api", span));

        var stored = Assert.Single(store.GetSpans(new SpanQuery()).Items);
        Assert.Equal(["a=12345", "b=ok", "c=3"], stored.Attributes.Select(a => $"{a.Key}={a.Value}"));
        Assert.Equal(4 + 2, stored.DroppedAttributesCount);
        Assert.Equal("a lon", stored.Name);
        Assert.Equal("a lon", stored.StatusMessage);
        Assert.Equal(["event", "event"], stored.Events.Select(e => e.Name));
        Assert.All(stored.Events, e => Assert.Equal(3, e.Attributes.Length));
        Assert.Equal(SpanId(1), Assert.Single(stored.Links).SpanId.ToString());
    }

    [Fact]
    public void Log_records_and_resources_obey_the_same_limits()
    {
        var store = new TelemetryStore(SmallLimits);
        var resource = Resource("a-long-service-name", "instance");
        resource.Attributes.Add([Attr("x", "1"), Attr("y", "2")]);

        store.AddLogs(Logs(resource, Log(0, SeverityNumber.Info, "a long message", null, null, Attr("a", "1"), Attr("b", "2"), Attr("c", "3"), Attr("d", "4"))));

        var record = Assert.Single(store.GetLogs(new LogQuery()).Items);
        Assert.Equal("a lon", record.Message);
        Assert.Equal(3, record.Attributes.Length);
        Assert.Equal(1, record.DroppedAttributesCount);
        Assert.Equal(3, record.Resource.Attributes.Length);
        Assert.Equal("a-long-service-name", record.Resource.Name); // Identity is never cut short; its attribute copy is.
        Assert.Equal("a-lon", record.Resource.Attribute("service.name"));
    }

    [Fact]
    public void Attribute_values_of_every_type_become_display_text()
    {
        var store = new TelemetryStore();
        var array = new ArrayValue { Values = { new AnyValue { StringValue = "a\"b" }, new AnyValue { IntValue = 2 }, new AnyValue { BoolValue = false }, new AnyValue() } };
        var kvlist = new KeyValueList { Values = { Attr("k", "v"), Attr("n", new AnyValue { DoubleValue = 1.5 }), Attr("nested", new AnyValue { ArrayValue = new ArrayValue { Values = { new AnyValue { IntValue = -7 } } } }) } };
        store.AddTraces(Traces("api", Span(TraceId(1), SpanId(1), null, "values", 0, 1,
            Attr("string", "plain \"text\""),
            Attr("bool", new AnyValue { BoolValue = true }),
            Attr("int", new AnyValue { IntValue = -42 }),
            Attr("big", new AnyValue { IntValue = long.MaxValue }),
            Attr("double", new AnyValue { DoubleValue = 0.1 }),
            Attr("bytes", new AnyValue { BytesValue = ByteString.CopyFrom(0xde, 0xad, 0x01) }),
            Attr("array", new AnyValue { ArrayValue = array }),
            Attr("kvlist", new AnyValue { KvlistValue = kvlist }),
            Attr("empty", new AnyValue()))));

        var span = Assert.Single(store.GetSpans(new SpanQuery()).Items);
        Assert.Equal(
            [
                "string=plain \"text\"", "bool=true", "int=-42", "big=9223372036854775807", "double=0.1", "bytes=dead01",
                "array=[\"a\\\"b\",2,false,null]", "kvlist={\"k\":\"v\",\"n\":1.5,\"nested\":[-7]}", "empty=",
            ],
            span.Attributes.Select(a => $"{a.Key}={a.Value}"));
    }

    [Fact]
    public void Long_arrays_are_cut_at_the_length_limit()
    {
        var values = new ArrayValue();
        values.Values.Add(Enumerable.Range(0, 10_000).Select(i => new AnyValue { IntValue = i }));

        var text = AnyValueText.Format(new AnyValue { ArrayValue = values }, maxLength: 20);

        Assert.Equal("[0,1,2,3,4,5,6,7,8,9", text);
    }

    [Fact]
    public void Repeated_strings_are_stored_once()
    {
        var store = new TelemetryStore();
        // Parsed from bytes, like a receiver does, so every span arrives with its own copies of the strings.
        var bytes = Traces("api",
            Span(TraceId(1), SpanId(1), null, "GET /jobs", 0, 1, Attr("http.request.method", "GET")),
            Span(TraceId(2), SpanId(2), null, "GET /jobs", 0, 1, Attr("http.request.method", "GET"))).ToByteArray();
        store.AddTraces(TraceApp.Dashboard.Otlp.Collector.Trace.ExportTraceServiceRequest.Parser.ParseFrom(bytes));

        var spans = store.GetSpans(new SpanQuery()).Items;
        Assert.Same(spans[0].Name, spans[1].Name);
        Assert.Same(spans[0].Attributes[0].Key, spans[1].Attributes[0].Key);
        Assert.Same(spans[0].Attributes[0].Value, spans[1].Attributes[0].Value);
        Assert.Same(spans[0].Resource, spans[1].Resource);
        Assert.Same(spans[0].Scope, spans[1].Scope);
    }
}
