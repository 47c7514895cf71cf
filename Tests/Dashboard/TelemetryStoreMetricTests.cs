using TraceApp.Dashboard.Otlp.Metrics;
using TraceApp.Dashboard.Storage;
using static TraceApp.Tests.Dashboard.OtlpRequests;

namespace TraceApp.Tests.Dashboard;

/// <summary>Metrics are kept per resource and instrument as bounded time series, one per attribute set.</summary>
public sealed class TelemetryStoreMetricTests
{
    [Fact]
    public void Each_attribute_set_is_a_series_that_keeps_only_its_newest_points()
    {
        var store = new TelemetryStore(new TelemetryStoreOptions { MaxMetricPointsPerSeries = 3 });
        for (var i = 1; i <= 5; i++)
        {
            store.AddMetrics(Metrics(Resource("api", "a1"),
                Counter("http.server.requests", i * 1000, i * 10, Attr("http.route", "/jobs"), Attr("http.response.status_code", 200)),
                Counter("http.server.requests", i * 1000, i, Attr("http.response.status_code", 500), Attr("http.route", "/jobs"))));
        }

        var summary = Assert.Single(store.GetInstruments("api"));
        Assert.Equal(("TestMeter", "http.server.requests", "{request}"), (summary.ScopeName, summary.Name, summary.Unit));
        Assert.Equal((MetricKind.Sum, true, MetricTemporality.Cumulative, 2), (summary.Kind, summary.IsMonotonic, summary.Temporality, summary.SeriesCount));
        Assert.Equal(Epoch.AddSeconds(5), summary.LastUpdated);

        var data = store.GetInstrument(summary.Resource, "TestMeter", "http.server.requests")!;
        var ok = Assert.Single(data.Series, s => s.Attributes.Any(a => a.Value == "200"));
        Assert.Equal([30.0, 40.0, 50.0], ok.Points.Select(p => p.Value!.Value));
        Assert.Equal([Epoch.AddSeconds(3), Epoch.AddSeconds(4), Epoch.AddSeconds(5)], ok.Points.Select(p => p.Time));
        var failed = Assert.Single(data.Series, s => s.Attributes.Any(a => a.Value == "500"));
        Assert.Equal([3.0, 4.0, 5.0], failed.Points.Select(p => p.Value!.Value));

        var recent = store.GetInstrument(summary.Resource, "TestMeter", "http.server.requests", from: Epoch.AddSeconds(5))!;
        Assert.All(recent.Series, s => Assert.Single(s.Points));
    }

    [Fact]
    public void A_resent_or_older_point_does_not_disorder_the_series()
    {
        var store = new TelemetryStore();
        store.AddMetrics(Metrics(Resource("api"), Counter("requests", 2000, 2)));
        store.AddMetrics(Metrics(Resource("api"), Counter("requests", 2000, 2)));
        store.AddMetrics(Metrics(Resource("api"), Counter("requests", 1000, 1)));
        store.AddMetrics(Metrics(Resource("api"), Counter("requests", 3000, 3)));

        var resource = Assert.Single(store.GetResources()).Resource;
        var series = Assert.Single(store.GetInstrument(resource, "TestMeter", "requests")!.Series);
        Assert.Equal([2.0, 3.0], series.Points.Select(p => p.Value!.Value));
    }

    [Fact]
    public void Histograms_keep_their_buckets_and_invalid_points_are_rejected()
    {
        var store = new TelemetryStore();
        var histogram = new Histogram { AggregationTemporality = AggregationTemporality.Delta };
        histogram.DataPoints.Add(new HistogramDataPoint
        {
            TimeUnixNano = At(1000), Count = 6, Sum = 1.5, Min = 0.01, Max = 0.9,
            ExplicitBounds = { 0.1, 0.5 }, BucketCounts = { 3, 2, 1 },
        });
        histogram.DataPoints.Add(new HistogramDataPoint { TimeUnixNano = At(2000), Count = 1, ExplicitBounds = { 0.1 }, BucketCounts = { 1 } });
        var noValue = new NumberDataPoint { TimeUnixNano = At(1000) };
        var notRecorded = new NumberDataPoint { TimeUnixNano = At(1000), AsDouble = 1, Flags = (uint)DataPointFlags.NoRecordedValueMask };

        var rejected = store.AddMetrics(Metrics(Resource("api"),
            new Metric { Name = "http.server.request.duration", Unit = "s", Histogram = histogram },
            new Metric { Name = "gauge", Gauge = new Gauge { DataPoints = { noValue, notRecorded } } },
            new Metric { Name = "", Gauge = new Gauge { DataPoints = { new NumberDataPoint { AsDouble = 1 } } } }));

        Assert.Equal(3, rejected); // bucket counts that do not fit the bounds, a point without a value, a metric without a name
        Assert.Equal(3L, store.GetStats().RejectedDataPoints);
        var summary = Assert.Single(store.GetInstruments(), i => i.Name == "http.server.request.duration");
        Assert.Equal((MetricKind.Histogram, MetricTemporality.Delta), (summary.Kind, summary.Temporality));
        var point = Assert.Single(Assert.Single(store.GetInstrument(summary.Resource, "TestMeter", summary.Name)!.Series).Points);
        Assert.Null(point.Value);
        Assert.Equal((6UL, 1.5, 0.01, 0.9), (point.Distribution!.Count, point.Distribution.Sum, point.Distribution.Min, point.Distribution.Max));
        Assert.Equal([0.1, 0.5], point.Distribution.ExplicitBounds.ToArray());
        Assert.Equal([3UL, 2UL, 1UL], point.Distribution.BucketCounts.ToArray());
    }

    [Fact]
    public void Points_of_series_beyond_the_per_instrument_limit_are_rejected()
    {
        var store = new TelemetryStore(new TelemetryStoreOptions { MaxSeriesPerInstrument = 2 });

        var rejected = store.AddMetrics(Metrics(Resource("api"),
            [.. Enumerable.Range(0, 5).Select(i => Counter("requests", 1000, 1, Attr("user", $"user{i}")))]));

        Assert.Equal(3, rejected);
        Assert.Equal(2, Assert.Single(store.GetInstruments()).SeriesCount);
    }

    [Fact]
    public void Instruments_are_listed_per_resource()
    {
        var store = new TelemetryStore();
        store.AddMetrics(Metrics(Resource("api", "a1"), Counter("requests", 1000, 1), Counter("errors", 1000, 1)));
        store.AddMetrics(Metrics(Resource("worker", "w1"), Counter("jobs", 1000, 1)));

        Assert.Equal(["api-a1/errors", "api-a1/requests", "worker-w1/jobs"], store.GetInstruments().Select(i => $"{i.Resource.Id}/{i.Name}"));
        Assert.Equal(["jobs"], store.GetInstruments("worker-w1").Select(i => i.Name));
        Assert.Empty(store.GetInstruments("nobody"));
    }
}
