using System.Diagnostics;
using System.Globalization;
using TraceApp.Dashboard.Storage;

namespace TraceApp.Benchmarks;

/// <summary>
/// The Dashboard's telemetry store in-process, on one thread: span ingest rate (exports of 512 spans, 5 spans per
/// trace, ~8 attributes per span), memory per stored span when filled to the cap, and trace-list query latency
/// (first page newest first, and filtered) at 10,000 and 100,000 stored traces. A plain harness: the figures are
/// rates and percentiles over thousands of calls, not a micro-benchmark.
/// </summary>
public static class TelemetryStoreBenchmark
{
    private const int BatchSize = 512;
    private const int WarmUpBatches = 200;
    private const int MeasuredBatches = 1_000;
    private const int QueryRuns = 200;

    public static void Run()
    {
        Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}");
        var ingest = MeasureIngest();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Ingest ({MeasuredBatches * BatchSize:N0} spans in exports of {BatchSize}, store at its 10,000-trace cap, evicting):
              store only      {ingest.StoreOnly:N0} spans/s
              parse + store   {ingest.ParseAndStore:N0} spans/s
            """));

        Console.WriteLine("| Stored traces | Spans | Memory per span | First page p50 / p95 | Resource + duration>250ms p50 / p95 | Attribute, 1 in 4 p50 / p95 | Attribute, 1 trace p50 / p95 |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var traces in new[] { 10_000, 100_000 })
        {
            var (store, bytesPerSpan) = Fill(traces);
            var firstPage = MeasureQuery(store, new TraceQuery());
            var resourceAndDuration = MeasureQuery(store, new TraceQuery { Resource = "worker", Duration = DurationFilter.Parse(">250ms") });
            var attribute = MeasureQuery(store, new TraceQuery { Attributes = [AttributeFilter.Parse("job.operation=thumbnail")] });
            var oneTrace = MeasureQuery(store, new TraceQuery { Attributes = [AttributeFilter.Parse("job.id=job-00001388")] });
            var stats = store.GetStats();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {stats.TraceCount:N0} | {stats.SpanCount:N0} | {bytesPerSpan:N0} B | {firstPage.P50:F3} / {firstPage.P95:F3} ms | " +
                $"{resourceAndDuration.P50:F2} / {resourceAndDuration.P95:F2} ms | {attribute.P50:F2} / {attribute.P95:F2} ms | " +
                $"{oneTrace.P50:F2} / {oneTrace.P95:F2} ms |"));
            if (traces == 100_000)
            {
                MeasureIngestDuringQueries(store);
            }

            GC.KeepAlive(store);
        }
    }

    private static (double StoreOnly, double ParseAndStore) MeasureIngest()
    {
        var workload = new TelemetryWorkload();
        var batches = Enumerable.Range(0, WarmUpBatches + MeasuredBatches).Select(_ => workload.NextBatch(BatchSize)).ToArray();
        var store = new TelemetryStore();
        long parseTicks = 0, storeTicks = 0;
        for (var i = 0; i < batches.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var request = TelemetryWorkload.Parse(batches[i]);
            var parsed = Stopwatch.GetTimestamp();
            store.AddTraces(request);
            var stored = Stopwatch.GetTimestamp();
            if (i >= WarmUpBatches)
            {
                parseTicks += parsed - start;
                storeTicks += stored - parsed;
            }
        }

        double spans = MeasuredBatches * BatchSize;
        return (spans * Stopwatch.Frequency / storeTicks, spans * Stopwatch.Frequency / (parseTicks + storeTicks));
    }

    /// <summary>A store filled to a cap of <paramref name="maxTraces"/>, and the managed memory it holds per span.</summary>
    private static (TelemetryStore Store, double BytesPerSpan) Fill(int maxTraces)
    {
        var workload = new TelemetryWorkload();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var store = new TelemetryStore(new TelemetryStoreOptions { MaxTraces = maxTraces });
        while (store.GetStats().TraceCount < maxTraces)
        {
            store.AddTraces(TelemetryWorkload.Parse(workload.NextBatch(BatchSize)));
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        return (store, (double)(after - before) / store.GetStats().SpanCount);
    }

    private static (double P50, double P95) MeasureQuery(TelemetryStore store, TraceQuery query)
    {
        // Long enough for tiered compilation to settle on optimised code before anything is measured.
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < 50 || warmUp.ElapsedMilliseconds < 500; i++)
        {
            store.GetTraces(query);
        }

        var milliseconds = new double[QueryRuns];
        for (var i = 0; i < QueryRuns; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var page = store.GetTraces(query);
            milliseconds[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            GC.KeepAlive(page);
        }

        Array.Sort(milliseconds);
        return (milliseconds[QueryRuns / 2], milliseconds[(int)(QueryRuns * 0.95)]);
    }

    /// <summary>Ingest on one thread while another runs filtered queries without pause: what a busy page costs exporters.</summary>
    private static void MeasureIngestDuringQueries(TelemetryStore store)
    {
        var workload = new TelemetryWorkload();
        var batches = Enumerable.Range(0, MeasuredBatches).Select(_ => workload.NextBatch(BatchSize)).Select(TelemetryWorkload.Parse).ToArray();
        using var done = new CancellationTokenSource();
        var queries = 0;
        var reader = Task.Run(() =>
        {
            var query = new TraceQuery { Resource = "worker", Duration = DurationFilter.Parse(">250ms") };
            while (!done.IsCancellationRequested)
            {
                store.GetTraces(query);
                queries++;
            }
        });

        var slowest = TimeSpan.Zero;
        var pausedBefore = GC.GetTotalPauseDuration();
        var gen2Before = GC.CollectionCount(2);
        var clock = Stopwatch.StartNew();
        foreach (var batch in batches)
        {
            var start = Stopwatch.GetTimestamp();
            store.AddTraces(batch);
            slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, Stopwatch.GetElapsedTime(start).Ticks));
        }

        var elapsed = clock.Elapsed;
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        var gen2 = GC.CollectionCount(2) - gen2Before;
        done.Cancel();
        reader.Wait();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Ingest at 100,000 traces while another thread queries (resource + duration) non-stop: " +
            $"{batches.Length * BatchSize / elapsed.TotalSeconds:N0} spans/s, slowest export {slowest.TotalMilliseconds:F1} ms, " +
            $"{queries:N0} queries meanwhile; GC paused {paused.TotalMilliseconds:F0} ms in all over {elapsed.TotalSeconds:F1} s ({gen2} gen2)"));
    }
}
