using System.Net.Http.Json;
using System.Text.Json;
using TraceApp.Cli.Dashboard;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.AppHost;

/// <summary>
/// A synchronous node query through the whole system: one trace from the caller to the worker's <c>job.process</c>,
/// and no span of the finished notification the Api waited for.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class SyncTraceTests(AppHostFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_synchronous_node_query_answers_with_the_result_in_the_callers_trace_without_notification_spans()
    {
        var caller = TraceParent.New();
        using var api = fixture.CreateApiClient();
        using var request = caller.Get(api.BaseAddress!, "/node/hostname");

        using var response = await api.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var job = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(caller.TraceId, job.GetProperty("traceId").GetString());
        var result = Assert.Single(job.GetProperty("results").EnumerateArray());
        Assert.Equal(Environment.MachineName.ToLowerInvariant(), result.GetProperty("payload").GetProperty("hostname").GetString()!.ToLowerInvariant());

        await fixture.Telemetry.WaitForSpansAsync(
            caller.TraceId,
            received => received.Any(s => s.Name == "job.process") && received.Any(s => s.ServiceName == "api" && s.Kind == DashboardSpan.KindServer),
            Timeout,
            "the api's request span and the worker's job.process");
        var trace = await fixture.Telemetry.GetTraceAsync(caller.TraceId);
        var apiSpan = Assert.Single(trace, s => s.ServiceName == "api" && s.Kind == DashboardSpan.KindServer);
        Assert.StartsWith("GET /node/hostname", apiSpan.Name, StringComparison.Ordinal);
        Assert.Equal(caller.SpanId, apiSpan.ParentSpanId);
        var process = Assert.Single(trace, s => s.Name == "job.process");
        Assert.True(process.IsDescendantOf(apiSpan, trace), "job.process is not under the api's request span");
        Assert.DoesNotContain(trace, s => s.Name.StartsWith("jobs.finished", StringComparison.Ordinal));
    }
}
