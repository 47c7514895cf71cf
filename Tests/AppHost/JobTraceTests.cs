using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using TraceApp.Cli.Dashboard;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.AppHost;

/// <summary>
/// A job through the whole system, asserted on what the Aspire dashboard received: the caller's trace continues in
/// the api's server span, NATS.Net's publish (api) and receive (worker) spans, and the worker's <c>job.process</c>.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class JobTraceTests(AppHostFixture fixture)
{
    private const int KindProducer = DashboardSpan.KindProducer;
    private const int KindConsumer = 5;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task JobSubmittedToTheApiRunsInTheWorkerInTheCallersTrace()
    {
        var caller = TraceParent.New();

        var (jobId, trace) = await SubmitHostnameJobAsync(fixture, caller);

        var apiSpan = Assert.Single(trace, s => s.ServiceName == "api" && s.Kind == DashboardSpan.KindServer);
        Assert.Equal(caller.SpanId, apiSpan.ParentSpanId);
        Assert.Equal("POST /job", apiSpan.Name);
        // NATS.Net names its spans after the subject without the _any token ("jobs.query publish").
        var publish = Assert.Single(trace, s => s.ServiceName == "api" && s.Kind == KindProducer);
        Assert.Matches("^jobs\\.query.* publish$", publish.Name);
        Assert.True(publish.IsDescendantOf(apiSpan, trace), "the publish span is not under the api's request span");
        var receive = Assert.Single(trace, s => s.ServiceName == "worker" && s.Name.StartsWith("jobs.query", StringComparison.Ordinal) && s.Name.EndsWith(" receive", StringComparison.Ordinal));
        Assert.Equal(publish.SpanId, receive.ParentSpanId);
        var process = Assert.Single(trace, s => s.Name == "job.process");
        Assert.Equal("worker", process.ServiceName);
        Assert.Equal(KindConsumer, process.Kind);
        Assert.Equal(receive.SpanId, process.ParentSpanId);
        Assert.Equal(jobId.ToString(), process.Attributes.GetValueOrDefault("job.id"));
        Assert.Equal("node.hostname", process.Attributes.GetValueOrDefault("job.operation"));
        Assert.All(trace, s => Assert.Equal(caller.TraceId, s.TraceId));

        using var api = fixture.CreateApiClient();
        var job = await WaitForJobAsync(api, jobId, "completed");
        var result = job.GetProperty("results").EnumerateArray().Single();
        Assert.Equal(Environment.MachineName.ToLowerInvariant(), result.GetProperty("payload").GetProperty("hostname").GetString()!.ToLowerInvariant());
    }

    /// <summary>Submits <c>node.hostname</c> with <paramref name="caller"/>'s traceparent; returns the job id and the trace once it holds <c>job.process</c>.</summary>
    internal static async Task<(Guid JobId, IReadOnlyList<DashboardSpan> Trace)> SubmitHostnameJobAsync(AppHostFixture fixture, TraceParent caller)
    {
        using var api = fixture.CreateApiClient();
        using var request = caller.Post(api.BaseAddress!, "/job", JsonContent.Create(new { operation = "node.hostname", target = "_any" }));
        using var response = await api.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await fixture.Telemetry.WaitForSpansAsync(
            caller.TraceId,
            received => received.Any(s => s.Name == "job.process") && received.Any(s => s.ServiceName == "api" && s.Kind == DashboardSpan.KindServer),
            Timeout,
            "the api's request span and the worker's job.process");
        return (jobId, await fixture.Telemetry.GetTraceAsync(caller.TraceId));
    }

    private static async Task<JsonElement> WaitForJobAsync(HttpClient api, Guid jobId, string status)
    {
        JsonElement job = default;
        await Eventually.WaitUntilAsync(
            async () =>
            {
                job = await api.GetFromJsonAsync<JsonElement>($"/job/{jobId}");
                return job.GetProperty("status").GetString() == status;
            },
            Timeout,
            $"job {jobId} to be {status}");
        return job;
    }
}
