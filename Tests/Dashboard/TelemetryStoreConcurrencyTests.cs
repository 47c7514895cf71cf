using TraceApp.Dashboard.Otlp.Logs;
using TraceApp.Dashboard.Otlp.Trace;
using TraceApp.Dashboard.Storage;
using static TraceApp.Tests.Dashboard.OtlpRequests;

namespace TraceApp.Tests.Dashboard;

/// <summary>Exports and page queries run at the same time; the store stays consistent and tells pages when it changed.</summary>
public sealed class TelemetryStoreConcurrencyTests
{
    private const int Writers = 4;
    private const int BatchesPerWriter = 150;
    private const int TracesPerBatch = 10;
    private const int SpansPerTrace = 5;

    [Fact]
    public async Task Concurrent_exports_and_queries_keep_the_counts_consistent()
    {
        var options = new TelemetryStoreOptions { MaxTraces = 2_000, MaxLogRecords = 1_000 };
        var store = new TelemetryStore(options);
        using var writersDone = new CancellationTokenSource();
        var queryRounds = 0;

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
        {
            for (var b = 0; b < BatchesPerWriter; b++)
            {
                var spans = new List<Span>();
                var logs = new List<LogRecord>();
                for (var t = 0; t < TracesPerBatch; t++)
                {
                    var trace = TraceId(((w * BatchesPerWriter) + b) * TracesPerBatch + t + 1);
                    // Children first, the root last, as a batching exporter often sends them.
                    for (var s = SpansPerTrace - 1; s >= 0; s--)
                    {
                        spans.Add(Span(trace, SpanId(s + 1), s == 0 ? null : SpanId(s), $"span {s}", startMs: b + s, durationMs: 10 - s,
                            Attr("writer", w), Attr("http.route", "/jobs/{id}")));
                    }

                    logs.Add(Log(b, SeverityNumber.Info, $"writer {w} batch {b}", trace, SpanId(1)));
                }

                Assert.Equal(0, store.AddTraces(Traces($"service{w % 2}", [.. spans])));
                Assert.Equal(0, store.AddLogs(Logs($"service{w % 2}", [.. logs])));
            }
        })).ToArray();

        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            while (!writersDone.IsCancellationRequested)
            {
                var newest = store.GetTraces(new TraceQuery { Take = 20 });
                Assert.InRange(newest.TotalCount, 0, options.MaxTraces);
                Assert.All(newest.Items, t => Assert.InRange(t.SpanCount, 1, SpansPerTrace));
                var filtered = store.GetTraces(new TraceQuery
                {
                    Resource = "service1",
                    Duration = DurationFilter.Parse(">=10ms"),
                    Attributes = [AttributeFilter.Parse("writer=1")],
                    Skip = 5,
                });
                Assert.All(filtered.Items, t => Assert.Equal("service1", t.RootResource.Name));
                if (newest.Items.Count > 0)
                {
                    var detail = store.GetTrace(newest.Items[0].TraceId);
                    Assert.True(detail is null || detail.Spans.Count == detail.Trace.Spans.Length);
                }

                var logs = store.GetLogs(new LogQuery { Text = "batch", MinSeverity = LogSeverity.Information });
                Assert.InRange(logs.TotalCount, 0, options.MaxLogRecords);
                store.GetSpans(new SpanQuery { Resource = "service0", Take = 10 });
                var stats = store.GetStats();
                Assert.InRange(stats.TraceCount, 0, options.MaxTraces);
                Interlocked.Increment(ref queryRounds);
            }
        })).ToArray();

        await Task.WhenAll(writers);
        await writersDone.CancelAsync();
        await Task.WhenAll(readers);

        const int totalTraces = Writers * BatchesPerWriter * TracesPerBatch;
        var final = store.GetStats();
        Assert.Equal(options.MaxTraces, final.TraceCount);
        Assert.Equal(options.MaxTraces * SpansPerTrace, final.SpanCount);
        Assert.Equal(totalTraces - options.MaxTraces, final.EvictedTraces);
        Assert.Equal((totalTraces - options.MaxTraces) * SpansPerTrace, final.EvictedSpans);
        Assert.Equal(options.MaxLogRecords, final.LogRecordCount);
        Assert.Equal(totalTraces - options.MaxLogRecords, final.EvictedLogRecords);
        Assert.Equal(2L * Writers * BatchesPerWriter, final.Version);
        Assert.Equal(options.MaxTraces, store.GetTraces(new TraceQuery { Name = "span" }).TotalCount);
        Assert.All(store.GetTraces(new TraceQuery { Take = options.MaxTraces }).Items, t => Assert.True(t.HasRoot && t.SpanCount == SpansPerTrace));
        Assert.True(queryRounds > 0);
    }

    [Fact]
    public async Task Spans_of_the_same_traces_sent_concurrently_by_several_exporters_are_assembled()
    {
        const int traces = 500;
        var store = new TelemetryStore();

        // Exporter s sends span s of every trace: the root comes from exporter 0, in whatever order the tasks run.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(s => Task.Run(() =>
        {
            foreach (var batch in Enumerable.Range(1, traces).Chunk(50))
            {
                store.AddTraces(Traces($"exporter{s}",
                    [.. batch.Select(t => Span(TraceId(t), SpanId(s + 1), s == 0 ? null : SpanId(1), $"span {s}", startMs: t + s, durationMs: 4 - s))]));
            }
        })));

        var page = store.GetTraces(new TraceQuery { Take = traces });
        Assert.Equal(traces, page.TotalCount);
        Assert.All(page.Items, t =>
        {
            Assert.True(t.HasRoot);
            Assert.Equal("span 0", t.RootName);
            Assert.Equal(4, t.SpanCount);
            Assert.Equal(4, t.Resources.Count);
        });
        Assert.Equal(traces * 4, store.GetStats().SpanCount);
    }

    [Fact]
    public async Task Waiting_for_a_change_completes_when_telemetry_is_stored()
    {
        var store = new TelemetryStore();
        var version = store.Version;
        var waiting = store.WaitForChangeAsync(version);
        await using var watch = store.WatchAsync().GetAsyncEnumerator();
        var watching = watch.MoveNextAsync().AsTask();
        Assert.False(waiting.IsCompleted);
        Assert.False(watching.IsCompleted);

        store.AddLogs(Logs("api", Log(0, SeverityNumber.Info, "changed")));

        Assert.Equal(version + 1, await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(await watching.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(version + 1, watch.Current);
        Assert.Equal(version + 1, await store.WaitForChangeAsync(version)); // already past: completes at once
        using var cancelled = new CancellationTokenSource();
        var cancelledWait = store.WaitForChangeAsync(store.Version, cancelled.Token);
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelledWait);
    }
}
