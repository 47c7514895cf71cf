using TraceApp.Dashboard.Otlp.Logs;
using TraceApp.Dashboard.Storage;
using static TraceApp.Tests.Dashboard.OtlpRequests;

namespace TraceApp.Tests.Dashboard;

/// <summary>Resources are derived from service.name and service.instance.id, whichever signal brings them.</summary>
public sealed class TelemetryStoreResourceTests
{
    [Fact]
    public void Resources_are_told_apart_by_service_name_and_instance_id_and_shared_across_signals()
    {
        var store = new TelemetryStore();
        store.AddTraces(Traces(Spans(Resource("api", "a1"), Span(TraceId(1), SpanId(1), null, "GET", 0, 1))));
        store.AddLogs(Logs(Resource("api", "a1"), Log(0, SeverityNumber.Info, "hello")));
        store.AddMetrics(Metrics(Resource("worker", "w1"), Counter("jobs", 1000, 1)));
        store.AddMetrics(Metrics(Resource("worker", "w2"), Counter("jobs", 1000, 1)));
        store.AddLogs(Logs(Resource(null), Log(0, SeverityNumber.Info, "anonymous")));

        var resources = store.GetResources();

        Assert.Equal(
            ["api: traces logs", "unknown_service: logs", "worker-w1: metrics", "worker-w2: metrics"],
            resources.Select(r => $"{r.DisplayName}:{(r.HasTraces ? " traces" : "")}{(r.HasLogs ? " logs" : "")}{(r.HasMetrics ? " metrics" : "")}"));
        var api = resources[0].Resource;
        Assert.Equal(("api", "a1", "api-a1"), (api.Name, api.InstanceId, api.Id));
        Assert.Same(api, store.GetSpans(new SpanQuery()).Items[0].Resource);
        Assert.Same(api, store.GetLogs(new LogQuery { Resource = "api-a1" }).Items[0].Resource);
        Assert.Null(resources[1].Resource.InstanceId);
        Assert.Equal("unknown_service", resources[1].Resource.Id);
    }
}
