using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TraceApp.Jobs.Contracts;
using TraceApp.Tests.Infrastructure;
using TraceApp.Tests.Worker;

namespace TraceApp.Tests.Api;

/// <summary>The synchronous node and network endpoints of the built Api, answered by two built Workers.</summary>
public sealed class SyncApiTests(SyncApiFixture api) : IClassFixture<SyncApiFixture>
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/node/hostname" },
        { "GET", "/node/status" },
        { "GET", "/node/uptime" },
        { "GET", "/node/os" },
        { "GET", "/node/disk" },
        { "GET", "/node/memory" },
        { "GET", "/node/load" },
        { "POST", "/network/ping" },
        { "GET", "/network/dns" },
    };

    [Theory]
    [InlineData("hostname")]
    [InlineData("status")]
    [InlineData("uptime")]
    [InlineData("os")]
    [InlineData("disk")]
    [InlineData("memory")]
    [InlineData("load")]
    public async Task Each_node_endpoint_answers_200_with_the_finished_job_and_one_workers_result(string name)
    {
        using var response = await api.GetAsync($"/node/{name}");

        var job = await api.FinishedJobAsync(response);
        Assert.Equal($"node.{name}", job.GetProperty("operation").GetString());
        Assert.Equal("_any", job.GetProperty("target").GetString());
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(["submitted", "acknowledged", "started", "completed"], job.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        var result = Assert.Single(job.GetProperty("results").EnumerateArray());
        Assert.Contains(result.GetProperty("worker").GetString(), new[] { "worker-a", "worker-b" });
        Assert.Equal(JsonValueKind.Object, result.GetProperty("payload").ValueKind);
    }

    [Fact]
    public async Task Hostname_is_this_machines_name()
    {
        using var response = await api.GetAsync("/node/hostname");

        var result = Assert.Single((await api.FinishedJobAsync(response)).GetProperty("results").EnumerateArray());
        Assert.Equal(Environment.MachineName, result.GetProperty("payload").GetProperty("hostname").GetString());
    }

    [Fact]
    public async Task Ping_of_the_loopback_address_answers_with_one_reply()
    {
        using var response = await api.PingAsync(new { host = "127.0.0.1", count = 1 });

        var job = await api.FinishedJobAsync(response);
        Assert.Equal("network.ping", job.GetProperty("operation").GetString());
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal("127.0.0.1", job.GetProperty("params").GetProperty("host").GetString());
        Assert.Equal(1, job.GetProperty("params").GetProperty("count").GetInt32());
        var payload = Assert.Single(job.GetProperty("results").EnumerateArray()).GetProperty("payload");
        Assert.Equal(JsonValueKind.Object, payload.ValueKind);
    }

    [Fact]
    public async Task Dns_answers_with_the_workers_resolver_configuration()
    {
        using var response = await api.GetAsync("/network/dns");

        var job = await api.FinishedJobAsync(response);
        Assert.Equal("network.dns", job.GetProperty("operation").GetString());
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Object, Assert.Single(job.GetProperty("results").EnumerateArray()).GetProperty("payload").ValueKind);
    }

    [Fact]
    public async Task All_waits_for_a_result_from_every_live_worker()
    {
        using var response = await api.GetAsync("/node/uptime?target=_all");

        var job = await api.FinishedJobAsync(response);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(["worker-a", "worker-b"], job.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("worker").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(["alpha", "beta"], job.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("host").GetString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("alpha", "worker-a")]
    [InlineData("beta", "worker-b")]
    public async Task A_host_target_reaches_only_the_worker_on_that_host(string host, string worker)
    {
        for (var i = 0; i < 3; i++)
        {
            using var response = await api.GetAsync($"/network/dns?target=host:{host}");

            var job = await api.FinishedJobAsync(response);
            Assert.Equal($"host:{host}", job.GetProperty("target").GetString());
            Assert.Equal(worker, job.GetProperty("worker").GetString());
            var result = Assert.Single(job.GetProperty("results").EnumerateArray());
            Assert.Equal(worker, result.GetProperty("worker").GetString());
            Assert.Equal(host, result.GetProperty("host").GetString());
        }
    }

    [Fact]
    public async Task Nobody_answering_in_time_is_a_504_with_the_job_id_and_its_location_and_the_job_stays()
    {
        using var response = await api.GetAsync("/node/hostname?target=host:nobody-here&timeout=1");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(504, problem.GetProperty("status").GetInt32());
        var id = problem.GetProperty("jobId").GetGuid();
        Assert.Equal($"/job/{id}", response.Headers.Location?.OriginalString);
        var stored = await api.Workers.Store.GetAsync(id);
        Assert.NotNull(stored);
        Assert.Equal("host:nobody-here", stored.Job.Target);
        Assert.Equal(JobStatus.Pending, stored.Job.Status);
    }

    [Fact]
    public async Task Without_a_timeout_the_wait_is_the_configured_sync_timeout()
    {
        var clock = Stopwatch.StartNew();

        using var response = await api.GetAsync("/node/os?target=host:nobody-here");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.True(clock.Elapsed >= SyncApiFixture.SyncTimeout, $"answered after {clock.Elapsed}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains($"within {SyncApiFixture.SyncTimeout.TotalSeconds} s", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_finished_without_a_notification_is_found_by_the_fallback_read_of_the_store()
    {
        // Nobody listens on host "ghost": the test finishes the job through the store, so no worker notifies.
        var target = $"host:ghost-{Guid.NewGuid():N}"[..30];
        var request = api.GetAsync($"/network/dns?target={target}&timeout=60");
        Job? job = null;
        await Eventually.WaitUntilAsync(
            async () => (job = (await api.Workers.Store.ListAsync(new JobListQuery(Operation: "network.dns", PageSize: 200))).Items.FirstOrDefault(j => j.Target == target)) is not null,
            WorkerSystem.Timeout, "the job to be stored");
        await api.Workers.Store.AcknowledgeAsync(job!.Id, "ghost", traceId: null);
        await api.Workers.Store.StartAsync(job.Id, "ghost", traceId: null);
        await api.Workers.Store.CompleteAsync(job.Id, "ghost", "ghost", JsonDocument.Parse("""{"answer":42}""").RootElement, traceId: null);

        using var response = await request;

        var finished = await api.FinishedJobAsync(response);
        Assert.Equal(job.Id, finished.GetProperty("id").GetGuid());
        Assert.Equal(42, Assert.Single(finished.GetProperty("results").EnumerateArray()).GetProperty("payload").GetProperty("answer").GetInt32());
    }

    [Fact]
    public async Task Notified_jobs_answer_without_waiting_for_the_fallback_read()
    {
        using (var warmUp = await api.GetAsync("/node/load"))
        {
            await api.FinishedJobAsync(warmUp);
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
        {
            using var response = await api.GetAsync("/node/load");
            await api.FinishedJobAsync(response);
        }

        // Five round trips that each waited for the fallback read would take five intervals.
        Assert.True(clock.Elapsed < SyncApiFixture.FallbackInterval, $"5 round trips took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("/network/ping", """{"count":1}""", "host")]
    [InlineData("/network/ping", """{"host":"127.0.0.1","count":0}""", "count")]
    [InlineData("/network/ping", """{"host":"127.0.0.1","count":1,"ttl":3}""", "ttl")]
    [InlineData("/network/ping", "[1]", "body")]
    [InlineData("/network/ping?target=everyone", """{"host":"127.0.0.1","count":1}""", "target")]
    [InlineData("/network/ping?timeout=0", """{"host":"127.0.0.1","count":1}""", "timeout")]
    [InlineData("/node/hostname?target=host:bad_name!", null, "target")]
    [InlineData("/node/hostname?target=", null, "target")]
    [InlineData("/node/hostname?timeout=301", null, "timeout")]
    [InlineData("/node/hostname?timeout=abc", null, "timeout")]
    [InlineData("/network/dns?timeout=-1", null, "timeout")]
    public async Task Bad_parameters_are_400_field_errors_and_nothing_is_stored(string path, string? body, string field)
    {
        var before = await api.Workers.Store.CountByStatusAsync();

        using var response = body is null
            ? await api.GetAsync(path)
            : await api.Http.PostAsync(new Uri(api.Address, path), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"an error for '{field}' in {errors}");
        Assert.Equal(before, await api.Workers.Store.CountByStatusAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{not json")]
    public async Task A_ping_without_a_json_body_is_a_400_problem_and_nothing_is_stored(string body)
    {
        var before = await api.Workers.Store.CountByStatusAsync();

        using var response = await api.Http.PostAsync(new Uri(api.Address, "/network/ping"), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await api.Workers.Store.CountByStatusAsync());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_sync_endpoint_answers_401_without_a_token(string method, string path)
    {
        using var anonymous = TestHttp.CreateClient(bearerToken: null);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(api.Address, path));
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { host = "127.0.0.1", count = 1 });
        }

        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_sync_endpoints()
    {
        using var response = await api.GetAsync("/openapi/v1.json");

        var paths = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paths");
        foreach (var path in Endpoints.Select(row => (string)row[1]))
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} in the OpenAPI document");
        }

        Assert.True(paths.GetProperty("/network/ping").GetProperty("post").GetProperty("responses").TryGetProperty("504", out _));
    }
}
