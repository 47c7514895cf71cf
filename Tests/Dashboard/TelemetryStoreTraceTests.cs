using Google.Protobuf;
using TraceApp.Dashboard.Otlp.Logs;
using TraceApp.Dashboard.Otlp.Trace;
using TraceApp.Dashboard.Storage;
using static TraceApp.Tests.Dashboard.OtlpRequests;

namespace TraceApp.Tests.Dashboard;

/// <summary>Spans become traces whatever order and batches they arrive in; the oldest traces make room for new ones.</summary>
public sealed class TelemetryStoreTraceTests
{
    [Fact]
    public void A_child_arriving_before_its_parent_is_assembled_into_the_same_trace_and_the_root_takes_over_when_it_arrives()
    {
        var store = new TelemetryStore();
        var trace = TraceId(1);

        store.AddTraces(Traces("worker", Span(trace, SpanId(3), SpanId(2), "job.process", startMs: 20, durationMs: 50, Attr("job.id", "42"))));
        var beforeRoot = Assert.Single(store.GetTraces(new TraceQuery()).Items);
        Assert.False(beforeRoot.HasRoot);
        Assert.Equal("job.process", beforeRoot.RootName);
        Assert.Equal("worker", beforeRoot.RootResource.Name);

        store.AddTraces(Traces(
            Spans("api", Span(trace, SpanId(2), SpanId(1), "jobs publish", startMs: 10, durationMs: 5)),
            Spans("cli", Span(trace, SpanId(1), null, "traceapp submit", startMs: 0, durationMs: 100, Attr("cli.command", "submit")))));

        var summary = Assert.Single(store.GetTraces(new TraceQuery()).Items);
        Assert.True(summary.HasRoot);
        Assert.Equal("traceapp submit", summary.RootName);
        Assert.Equal("cli", summary.RootResource.Name);
        Assert.Equal(3, summary.SpanCount);
        Assert.Equal(Epoch, summary.StartTime);
        Assert.Equal(TimeSpan.FromMilliseconds(100), summary.Duration);
        Assert.Equal(["cli:1", "api:1", "worker:1"], summary.Resources.Select(r => $"{r.Resource.Name}:{r.SpanCount}"));
        var bothBatches = new TraceQuery { Attributes = [AttributeFilter.Parse("job.id=42"), AttributeFilter.Parse("cli.command=submit")] };
        Assert.Equal(1, store.GetTraces(bothBatches).TotalCount);

        var detail = store.GetTrace(TraceApp.Dashboard.Storage.TraceId.Parse(trace))!;
        Assert.Equal(["traceapp submit@0", "jobs publish@1", "job.process@2"], detail.Spans.Select(n => $"{n.Span.Name}@{n.Depth}"));
        Assert.Equal(["api", "cli", "worker"], detail.Resources.Select(r => r.Name).Order());
    }

    [Fact]
    public void A_trace_keeps_its_place_in_the_list_by_start_time_as_earlier_spans_arrive()
    {
        var store = new TelemetryStore();
        store.AddTraces(Traces("api", Span(TraceId(1), SpanId(11), SpanId(10), "child of 1", startMs: 500, durationMs: 1)));
        store.AddTraces(Traces("api", Span(TraceId(2), SpanId(20), null, "root of 2", startMs: 300, durationMs: 1)));
        Assert.Equal(["child of 1", "root of 2"], store.GetTraces(new TraceQuery()).Items.Select(t => t.RootName));

        store.AddTraces(Traces("api", Span(TraceId(1), SpanId(10), null, "root of 1", startMs: 100, durationMs: 450)));

        var traces = store.GetTraces(new TraceQuery()).Items;
        Assert.Equal(["root of 2", "root of 1"], traces.Select(t => t.RootName));
        Assert.Equal(TimeSpan.FromMilliseconds(450), traces[1].Duration);
    }

    [Fact]
    public void Spans_with_invalid_ids_are_rejected_and_counted_and_a_resent_span_is_stored_once()
    {
        var store = new TelemetryStore();
        var valid = Span(TraceId(1), SpanId(1), null, "ok", 0, 1);
        var shortTraceId = Span(TraceId(1), SpanId(2), null, "short trace id", 0, 1);
        shortTraceId.TraceId = ByteString.CopyFrom(new byte[8] { 1, 2, 3, 4, 5, 6, 7, 8 });
        var zeroSpanId = Span(TraceId(1), SpanId(3), null, "zero span id", 0, 1);
        zeroSpanId.SpanId = ByteString.CopyFrom(new byte[8]);
        var longParent = Span(TraceId(1), SpanId(4), null, "long parent id", 0, 1);
        longParent.ParentSpanId = ByteString.CopyFrom(new byte[9]);

        var rejected = store.AddTraces(Traces("api", valid, shortTraceId, zeroSpanId, longParent));
        var resent = store.AddTraces(Traces("api", valid.Clone()));

        Assert.Equal(3, rejected);
        Assert.Equal(0, resent);
        var stats = store.GetStats();
        Assert.Equal((1, 1, 3L), (stats.TraceCount, stats.SpanCount, stats.RejectedSpans));
    }

    [Fact]
    public void Spans_beyond_the_per_trace_limit_are_rejected()
    {
        var store = new TelemetryStore(new TelemetryStoreOptions { MaxSpansPerTrace = 3 });
        var spans = Enumerable.Range(1, 5).Select(i => Span(TraceId(1), SpanId(i), i == 1 ? null : SpanId(1), $"s{i}", i, 1)).ToArray();

        var rejected = store.AddTraces(Traces("api", spans[..2])) + store.AddTraces(Traces("api", spans[2..]));

        Assert.Equal(2, rejected);
        Assert.Equal(3, Assert.Single(store.GetTraces(new TraceQuery()).Items).SpanCount);
    }

    [Fact]
    public void When_full_the_oldest_traces_are_evicted_first_and_counted()
    {
        var store = new TelemetryStore(new TelemetryStoreOptions { MaxTraces = 3 });
        foreach (var i in new[] { 1, 2, 3 })
        {
            store.AddTraces(Traces("api",
                Span(TraceId(i), SpanId(i * 10), null, $"trace {i}", startMs: i * 100, durationMs: 10),
                Span(TraceId(i), SpanId(i * 10 + 1), SpanId(i * 10), "child", startMs: i * 100 + 1, durationMs: 5)));
        }

        // Two new traces: one newer than all, one older than all but trace 1.
        store.AddTraces(Traces("api",
            Span(TraceId(4), SpanId(40), null, "trace 4", startMs: 400, durationMs: 10),
            Span(TraceId(5), SpanId(50), null, "trace 5", startMs: 150, durationMs: 10)));

        var page = store.GetTraces(new TraceQuery());
        Assert.Equal(["trace 4", "trace 3", "trace 2"], page.Items.Select(t => t.RootName));
        Assert.Equal(3, page.TotalCount);
        var stats = store.GetStats();
        Assert.Equal((2L, 3L), (stats.EvictedTraces, stats.EvictedSpans));
        Assert.Equal((3, 5), (stats.TraceCount, stats.SpanCount));
        Assert.Null(store.GetTrace(TraceApp.Dashboard.Storage.TraceId.Parse(TraceId(1))));
    }

    [Fact]
    public void Pages_are_newest_first_and_count_every_match()
    {
        var store = new TelemetryStore();
        store.AddTraces(Traces("api", [.. Enumerable.Range(1, 25).Select(i => Span(TraceId(i), SpanId(i), null, $"t{i}", startMs: i, durationMs: 1))]));

        var first = store.GetTraces(new TraceQuery { Take = 10 });
        var third = store.GetTraces(new TraceQuery { Skip = 20, Take = 10 });
        var filtered = store.GetTraces(new TraceQuery { Name = "t1", Skip = 2, Take = 3 });
        var beyond = store.GetTraces(new TraceQuery { Skip = 30 });
        var negative = store.GetTraces(new TraceQuery { Skip = -5, Take = -1 });
        var negativeFiltered = store.GetTraces(new TraceQuery { Name = "t", Skip = -5, Take = -1 });
        var negativeLogs = store.GetLogs(new LogQuery { Skip = -5, Take = -1 });
        var negativeSpans = store.GetSpans(new SpanQuery { Skip = -5, Take = -1 });

        Assert.Equal([.. Enumerable.Range(16, 10).Reverse().Select(i => $"t{i}")], first.Items.Select(t => t.RootName));
        Assert.Equal(["t5", "t4", "t3", "t2", "t1"], third.Items.Select(t => t.RootName));
        Assert.Equal(25, third.TotalCount);
        Assert.Equal(["t17", "t16", "t15"], filtered.Items.Select(t => t.RootName));
        Assert.Equal(11, filtered.TotalCount); // t1, t10..t19
        Assert.Empty(beyond.Items);
        Assert.Equal(25, beyond.TotalCount);
        Assert.Equal((0, 25), (negative.Items.Count, negative.TotalCount));
        Assert.Equal((0, 25), (negativeFiltered.Items.Count, negativeFiltered.TotalCount));
        Assert.Equal((0, 25), (negativeSpans.Items.Count, negativeSpans.TotalCount));
        Assert.Empty(negativeLogs.Items);
    }

    [Fact]
    public void The_trace_detail_nests_spans_under_their_parents_and_holds_the_events_links_and_log_records_of_the_trace()
    {
        var store = new TelemetryStore();
        var trace = TraceId(7);
        var failing = Span(trace, SpanId(3), SpanId(1), "postgresql", 30, 5, Attr("db.query.text", "SELECT 1"));
        failing.Status = new Status { Code = Status.Types.StatusCode.Error, Message = "timeout" };
        failing.Events.Add(new Span.Types.Event { Name = "exception", TimeUnixNano = At(34), Attributes = { Attr("exception.type", "TimeoutException") } });
        failing.Links.Add(new Span.Types.Link { TraceId = Id(TraceId(8)), SpanId = Id(SpanId(80)) });
        store.AddTraces(Traces("worker",
            Span(trace, SpanId(4), SpanId(2), "step_execution", 20, 5),
            failing,
            Span(trace, SpanId(1), null, "workflow_execution", 0, 100),
            Span(trace, SpanId(2), SpanId(1), "begin_step", 10, 20),
            Span(trace, SpanId(9), SpanId(99), "orphan", 50, 1)));
        store.AddLogs(Logs("worker",
            Log(31, SeverityNumber.Error, "query failed", trace, SpanId(3)),
            Log(32, SeverityNumber.Info, "unrelated", TraceId(8), SpanId(80)),
            Log(5, SeverityNumber.Info, "workflow started", trace, SpanId(1))));

        var detail = store.GetTrace(TraceApp.Dashboard.Storage.TraceId.Parse(trace))!;

        Assert.Equal(
            ["workflow_execution@0/2", "begin_step@1/1", "step_execution@2/0", "postgresql@1/0", "orphan@0/0"],
            detail.Spans.Select(n => $"{n.Span.Name}@{n.Depth}/{n.ChildCount}"));
        Assert.True(detail.Trace.HasError);
        var postgres = detail.Spans[3].Span;
        Assert.Equal(SpanStatusCode.Error, postgres.Status);
        Assert.Equal("timeout", postgres.StatusMessage);
        Assert.Equal("TimeoutException", Assert.Single(postgres.Events).Attribute("exception.type"));
        Assert.Equal(TraceId(8), Assert.Single(postgres.Links).TraceId.ToString());
        Assert.Equal(["workflow started", "query failed"], detail.Logs.Select(l => l.Message));
        Assert.Equal(["begin_step", "step_execution"], detail.FindSpans("STEP").Select(n => n.Span.Name));
        Assert.Equal(["postgresql"], detail.FindSpans("select").Select(n => n.Span.Name));
    }

    [Fact]
    public void Spans_can_be_queried_across_traces_by_resource_trace_name_and_time()
    {
        var store = new TelemetryStore();
        store.AddTraces(Traces(
            Spans("api", Span(TraceId(1), SpanId(1), null, "GET /jobs", 0, 10), Span(TraceId(2), SpanId(3), null, "GET /jobs", 100, 10)),
            Spans("worker", Span(TraceId(1), SpanId(2), SpanId(1), "job.process", 5, 3), Span(TraceId(2), SpanId(4), SpanId(3), "job.process", 105, 3))));

        var byResource = store.GetSpans(new SpanQuery { Resource = "worker" });
        var byTrace = store.GetSpans(new SpanQuery { TraceId = TraceApp.Dashboard.Storage.TraceId.Parse(TraceId(1)) });
        var byTime = store.GetSpans(new SpanQuery { From = Epoch.AddMilliseconds(50), Name = "PROCESS" });
        var paged = store.GetSpans(new SpanQuery { Skip = 1, Take = 2 });
        var unknownResource = store.GetSpans(new SpanQuery { Resource = "nobody" });

        Assert.Equal([SpanId(4), SpanId(2)], byResource.Items.Select(s => s.SpanId.ToString()));
        Assert.Equal([SpanId(1), SpanId(2)], byTrace.Items.Select(s => s.SpanId.ToString()));
        Assert.Equal([SpanId(4)], byTime.Items.Select(s => s.SpanId.ToString()));
        Assert.Equal([SpanId(4), SpanId(1)], paged.Items.Select(s => s.SpanId.ToString()));
        Assert.Equal(4, paged.TotalCount);
        Assert.Equal(0, unknownResource.TotalCount);
    }
}
