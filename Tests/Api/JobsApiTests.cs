using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TraceApp.Jobs.Contracts;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Api;

/// <summary>The jobs API of the built Api, on a real PostgreSQL and nats-server.</summary>
public sealed class JobsApiTests(JobsApiFixture api) : IClassFixture<JobsApiFixture>
{
    [Fact]
    public async Task Submit_stores_a_pending_job_with_the_callers_trace_and_publishes_it_with_trace_headers()
    {
        var caller = TraceParent.New();

        using var response = await api.SubmitAsync(new { operation = "node.hostname" }, caller);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetGuid();
        Assert.Equal($"/job/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("pending", accepted.GetProperty("status").GetString());
        Assert.Equal(caller.TraceId, accepted.GetProperty("traceId").GetString());

        var job = await api.GetJsonAsync($"/job/{id}");
        Assert.Equal(id, job.GetProperty("id").GetGuid());
        Assert.Equal("node.hostname", job.GetProperty("operation").GetString());
        Assert.Equal("_any", job.GetProperty("target").GetString());
        Assert.Equal("pending", job.GetProperty("status").GetString());
        Assert.Equal(caller.TraceId, job.GetProperty("traceId").GetString());
        var submitted = Assert.Single(job.GetProperty("events").EnumerateArray());
        Assert.Equal("submitted", submitted.GetProperty("type").GetString());
        Assert.Equal(caller.TraceId, submitted.GetProperty("traceId").GetString());
        Assert.Empty(job.GetProperty("results").EnumerateArray());
        var stored = await api.Store.GetAsync(id);
        Assert.StartsWith($"00-{caller.TraceId}-", stored!.Job.TraceParent, StringComparison.Ordinal);

        var dispatch = await api.WaitForDispatchAsync(id);
        Assert.Equal("jobs.query._any", dispatch.Subject);
        Assert.NotNull(dispatch.Headers);
        Assert.True(dispatch.Headers.TryGetValue("traceparent", out var traceparent), "the dispatch carries a traceparent header");
        Assert.StartsWith($"00-{caller.TraceId}-", traceparent.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("_any", "jobs.query._any")]
    [InlineData("host:Web-1.example", "jobs.query.host.web-1.example")]
    public async Task Submit_publishes_on_the_subject_of_its_target(string target, string subject)
    {
        var id = await api.SubmitAcceptedAsync(new { operation = "network.ping", target, @params = new { host = "127.0.0.1", count = 1 } });

        Assert.Equal(subject, (await api.WaitForDispatchAsync(id)).Subject);
        var job = await api.GetJsonAsync($"/job/{id}");
        Assert.Equal(1, job.GetProperty("params").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Submit_to_all_expects_the_live_workers_and_publishes_on_the_all_subject()
    {
        await api.HeartbeatAsync("worker-a");
        await api.HeartbeatAsync("worker-b");

        var id = await api.SubmitAcceptedAsync(new { operation = "node.uptime", target = "_all" });

        Assert.Equal("jobs.query._all", (await api.WaitForDispatchAsync(id)).Subject);
        var expected = (await api.GetJsonAsync($"/job/{id}")).GetProperty("expectedWorkers").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("worker-a", expected);
        Assert.Contains("worker-b", expected);
    }

    [Fact]
    public async Task Invalid_requests_are_400_with_field_errors_and_store_nothing()
    {
        var before = await TotalAsync();

        var errors = await ValidationErrorsAsync(new { operation = "node.nope", target = "host:-bad" });
        Assert.Contains("operation", errors.Keys);
        Assert.Contains("target", errors.Keys);

        errors = await ValidationErrorsAsync(new { operation = "network.ping", @params = new { host = "not a host", count = 99 } });
        Assert.Equal(["params.count", "params.host"], errors.Keys.Order());

        errors = await ValidationErrorsAsync(new { operation = "node.os", @params = new { extra = 1 } });
        Assert.Equal(["params"], errors.Keys);

        Assert.Equal(before, await TotalAsync());
    }

    [Fact]
    public async Task Oversized_and_malformed_bodies_are_400_problem_details()
    {
        var before = await TotalAsync();
        var huge = new { operation = "node.os", @params = new { pad = new string('x', 70 * 1024) } };

        using var oversized = await api.SubmitAsync(huge);
        var problem = await AssertProblemAsync(oversized, HttpStatusCode.BadRequest);
        Assert.Contains("larger than 65536 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var declared = await api.Http.PostAsync(new Uri(api.Address, "/job"),
            new StringContent(JsonSerializer.Serialize(huge), Encoding.UTF8, "application/json"));
        Assert.NotNull(declared.RequestMessage?.Content?.Headers.ContentLength);
        await AssertProblemAsync(declared, HttpStatusCode.BadRequest);

        using var malformed = await api.Http.PostAsync(new Uri(api.Address, "/job"), new StringContent("{\"operation\":", Encoding.UTF8, "application/json"));
        await AssertProblemAsync(malformed, HttpStatusCode.BadRequest);

        Assert.Equal(before, await TotalAsync());
    }

    [Fact]
    public async Task Unknown_job_is_404_problem_details_for_get_delete_and_retry()
    {
        var id = Guid.NewGuid();

        using var get = await api.Http.GetAsync(new Uri(api.Address, $"/job/{id}"));
        using var delete = await api.Http.DeleteAsync(new Uri(api.Address, $"/job/{id}"));
        using var retry = await api.Http.PostAsync(new Uri(api.Address, $"/job/{id}/retry"), null);

        foreach (var response in new[] { get, delete, retry })
        {
            var problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
            Assert.Contains(id.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task List_filters_by_status_and_operation_and_pages_newest_first()
    {
        List<Guid> submitted = [];
        for (var n = 0; n < 3; n++)
        {
            submitted.Add(await api.SubmitAcceptedAsync(new { operation = "node.load" }));
        }

        List<Guid> seen = [];
        string? token = null;
        var pages = 0;
        do
        {
            var path = "/job?status=pending&operation=node.load&pageSize=2" + (token is null ? "" : $"&pageToken={Uri.EscapeDataString(token)}");
            var page = await api.GetJsonAsync(path);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.InRange(items.Count, 1, 2);
            Assert.All(items, i => Assert.Equal("node.load", i.GetProperty("operation").GetString()));
            Assert.All(items, i => Assert.Equal("pending", i.GetProperty("status").GetString()));
            seen.AddRange(items.Select(i => i.GetProperty("id").GetGuid()));
            token = page.GetProperty("nextPageToken").GetString();
            pages++;
        }
        while (token is not null);

        Assert.True(pages >= 2, "three jobs on pages of two");
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(Enumerable.Reverse(submitted), seen.Where(submitted.Contains));

        var other = await api.GetJsonAsync("/job?operation=node.memory");
        Assert.DoesNotContain(other.GetProperty("items").EnumerateArray(), i => submitted.Contains(i.GetProperty("id").GetGuid()));
    }

    [Theory]
    [InlineData("status=sleeping", "status")]
    [InlineData("status=1", "status")]
    [InlineData("status=pending,running", "status")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("pageToken=not-a-token", "pageToken")]
    public async Task List_rejects_a_bad_filter_or_page_with_a_field_error(string query, string field)
    {
        using var response = await api.Http.GetAsync(new Uri(api.Address, "/job?" + query));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"an error for {field}: {problem}");
    }

    [Fact]
    public async Task Status_counts_every_state_and_follows_submissions()
    {
        var before = await api.GetJsonAsync("/job/status");

        await api.SubmitAcceptedAsync(new { operation = "node.disk" });

        var after = await api.GetJsonAsync("/job/status");
        var counts = after.GetProperty("counts");
        Assert.Equal(["acknowledged", "completed", "failed", "pending", "running"], counts.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(before.GetProperty("counts").GetProperty("pending").GetInt64() + 1, counts.GetProperty("pending").GetInt64());
        Assert.Equal(before.GetProperty("total").GetInt64() + 1, after.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Delete_removes_pending_and_finished_jobs_and_refuses_a_running_one()
    {
        var pending = await api.SubmitAcceptedAsync(new { operation = "node.os" });
        var running = await api.SubmitAcceptedAsync(new { operation = "node.os" });
        await api.Store.AcknowledgeAsync(running, "worker-r", traceId: null);
        await api.Store.StartAsync(running, "worker-r", traceId: null);
        var completed = await CompletedJobAsync("node.os");

        using (var response = await api.Http.DeleteAsync(new Uri(api.Address, $"/job/{pending}")))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        using (var response = await api.Http.DeleteAsync(new Uri(api.Address, $"/job/{completed}")))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        using (var response = await api.Http.DeleteAsync(new Uri(api.Address, $"/job/{running}")))
        {
            var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
            Assert.Equal("running", problem.GetProperty("jobStatus").GetString());
        }

        Assert.Null(await api.Store.GetAsync(pending));
        Assert.Null(await api.Store.GetAsync(completed));
        Assert.Equal(JobStatus.Running, (await api.Store.GetAsync(running))!.Job.Status);
    }

    [Fact]
    public async Task Retry_of_a_finished_job_submits_a_new_one_and_records_retried_on_the_old()
    {
        var old = await CompletedJobAsync("node.memory");
        var caller = TraceParent.New();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(api.Address, $"/job/{old}/retry"));
        request.Headers.Add("traceparent", caller.Header);

        using var response = await api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.NotEqual(old, id);
        Assert.Equal($"/job/{id}", response.Headers.Location?.OriginalString);
        var retry = await api.GetJsonAsync($"/job/{id}");
        Assert.Equal(old, retry.GetProperty("retryOf").GetGuid());
        Assert.Equal("pending", retry.GetProperty("status").GetString());
        Assert.Equal(caller.TraceId, retry.GetProperty("traceId").GetString());
        var events = (await api.GetJsonAsync($"/job/{old}")).GetProperty("events").EnumerateArray().ToList();
        Assert.Equal("retried", events[^1].GetProperty("type").GetString());
        Assert.Contains(id.ToString(), events[^1].GetProperty("message").GetString(), StringComparison.Ordinal);
        var dispatch = await api.WaitForDispatchAsync(id);
        Assert.Equal("jobs.query._any", dispatch.Subject);
    }

    [Fact]
    public async Task Retry_of_an_unfinished_job_is_409()
    {
        var pending = await api.SubmitAcceptedAsync(new { operation = "node.status" });

        using var response = await api.Http.PostAsync(new Uri(api.Address, $"/job/{pending}/retry"), null);

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("pending", problem.GetProperty("jobStatus").GetString());
    }

    [Fact]
    public async Task Health_reports_the_database_and_nats()
    {
        var health = await api.GetJsonAsync("/health");

        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Equal(
            ["NATS:Healthy", "PostgreSql:Healthy", "self:Healthy"],
            health.GetProperty("checks").EnumerateArray()
                .Select(c => $"{c.GetProperty("name").GetString()}:{c.GetProperty("status").GetString()}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OpenApi_document_lists_the_job_paths()
    {
        var document = await api.GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/job").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/job").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/job/status").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/job/{id}").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/job/{id}").TryGetProperty("delete", out _));
        Assert.True(paths.GetProperty("/job/{id}/retry").TryGetProperty("post", out _));
    }

    private async Task<Guid> CompletedJobAsync(string operation)
    {
        var id = await api.SubmitAcceptedAsync(new { operation });
        await api.Store.AcknowledgeAsync(id, "worker-c", traceId: null);
        await api.Store.CompleteAsync(id, "worker-c", "host-c", JsonDocument.Parse("{\"ok\":true}").RootElement, traceId: null);
        return id;
    }

    private async Task<long> TotalAsync() => (await api.GetJsonAsync("/job/status")).GetProperty("total").GetInt64();

    private async Task<Dictionary<string, string[]>> ValidationErrorsAsync(object body)
    {
        using var response = await api.SubmitAsync(body);
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
