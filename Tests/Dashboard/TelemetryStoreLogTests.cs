using TraceApp.Dashboard.Otlp.Logs;
using TraceApp.Dashboard.Storage;
using static TraceApp.Tests.Dashboard.OtlpRequests;

namespace TraceApp.Tests.Dashboard;

/// <summary>The Structured logs page's queries, and log records' bound.</summary>
public sealed class TelemetryStoreLogTests
{
    private static TelemetryStore StoreWithLogs()
    {
        var store = new TelemetryStore();
        store.AddLogs(Logs("api",
            Log(0, SeverityNumber.Debug, "Request starting GET /jobs", TraceId(1), SpanId(1), Attr("http.route", "/jobs")),
            Log(10, SeverityNumber.Info2, "Job 42 queued", TraceId(1), SpanId(1), Attr("job.id", "42")),
            Log(20, SeverityNumber.Warn, "Retrying publish", TraceId(2), SpanId(2))));
        store.AddLogs(Logs("worker",
            Log(30, SeverityNumber.Error, "Job 42 failed", TraceId(1), SpanId(5), Attr("job.id", "42")),
            Log(40, SeverityNumber.Fatal, "Worker stopping"),
            Log(15, SeverityNumber.Unspecified, "late arrival")));
        return store;
    }

    [Fact]
    public void Logs_are_newest_first_by_time_whatever_their_arrival_order()
    {
        var page = StoreWithLogs().GetLogs(new LogQuery { Take = 4 });

        Assert.Equal(["Worker stopping", "Job 42 failed", "Retrying publish", "late arrival"], page.Items.Select(l => l.Message));
        Assert.Equal(6, page.TotalCount);
        Assert.Equal(
            [LogSeverity.Fatal, LogSeverity.Error, LogSeverity.Warning, LogSeverity.Unspecified],
            page.Items.Select(l => l.Severity));
    }

    [Fact]
    public void Logs_filter_by_level_text_attribute_trace_resource_and_time()
    {
        var store = StoreWithLogs();

        Assert.Equal(["Worker stopping", "Job 42 failed", "Retrying publish"], Messages(store, new LogQuery { MinSeverity = LogSeverity.Warning }));
        Assert.Equal(["Job 42 failed", "Job 42 queued"], Messages(store, new LogQuery { Text = "job 42" }));
        Assert.Equal(["Job 42 failed", "Job 42 queued"], Messages(store, new LogQuery { Attributes = [AttributeFilter.Parse("job.id=42")] }));
        Assert.Equal(["Job 42 failed"], Messages(store, new LogQuery { Attributes = [AttributeFilter.Parse("job.id=42"), AttributeFilter.Parse("service.name=worker")] }));
        Assert.Equal(
            ["Job 42 failed", "Job 42 queued", "Request starting GET /jobs"],
            Messages(store, new LogQuery { TraceId = TraceApp.Dashboard.Storage.TraceId.Parse(TraceId(1)) }));
        Assert.Equal(["Job 42 failed"], Messages(store, new LogQuery { TraceId = TraceApp.Dashboard.Storage.TraceId.Parse(TraceId(1)), Resource = "worker" }));
        Assert.Equal(["Job 42 queued", "Request starting GET /jobs"], Messages(store, new LogQuery { SpanId = new SpanId(1) }));
        Assert.Equal(["Retrying publish", "late arrival", "Job 42 queued"], Messages(store, new LogQuery { From = Epoch.AddMilliseconds(10), To = Epoch.AddMilliseconds(30) }));
        Assert.Equal(["late arrival"], Messages(store, new LogQuery { Skip = 3, Take = 1, From = Epoch }));
    }

    [Fact]
    public void When_full_the_oldest_records_are_evicted_first_and_counted()
    {
        var store = new TelemetryStore(new TelemetryStoreOptions { MaxLogRecords = 3 });
        store.AddLogs(Logs("api", Log(10, SeverityNumber.Info, "b"), Log(20, SeverityNumber.Info, "c"), Log(30, SeverityNumber.Info, "d")));
        store.AddLogs(Logs("api", Log(0, SeverityNumber.Info, "a (old, arrives late)"), Log(40, SeverityNumber.Info, "e")));

        var page = store.GetLogs(new LogQuery());

        Assert.Equal(["e", "d", "c"], page.Items.Select(l => l.Message));
        var stats = store.GetStats();
        Assert.Equal((3, 2L), (stats.LogRecordCount, stats.EvictedLogRecords));
    }

    [Fact]
    public void Records_with_ids_of_the_wrong_length_are_rejected_and_records_without_ids_are_kept()
    {
        var store = new TelemetryStore();
        var badTrace = Log(0, SeverityNumber.Info, "bad trace id");
        badTrace.TraceId = Id("0102");
        var badSpan = Log(0, SeverityNumber.Info, "bad span id", TraceId(1));
        badSpan.SpanId = Id("010203");
        var observedOnly = Log(0, SeverityNumber.Info, "observed only");
        observedOnly.TimeUnixNano = 0;
        observedOnly.ObservedTimeUnixNano = At(5);

        var rejected = store.AddLogs(Logs("api", badTrace, badSpan, observedOnly, Log(1, SeverityNumber.Info, "no ids")));

        Assert.Equal(2, rejected);
        Assert.Equal(2L, store.GetStats().RejectedLogRecords);
        var records = store.GetLogs(new LogQuery()).Items;
        Assert.Equal(["observed only", "no ids"], records.Select(r => r.Message));
        Assert.Equal(Epoch.AddMilliseconds(5), records[0].Time);
        Assert.True(records[1].TraceId.IsEmpty);
        Assert.Equal("", records[1].SpanId.ToString());
    }

    private static string[] Messages(TelemetryStore store, LogQuery query) => [.. store.GetLogs(query).Items.Select(l => l.Message)];
}
