using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TraceApp.Auth;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Api;

/// <summary>
/// <c>/workflows</c> of the built Api against a real WorkflowServer and Worker (<see cref="WorkflowSystem"/>). Runs
/// meant to stay pending go to <see cref="WorkflowSystem.IdleTaskQueue"/>, which no worker polls.
/// </summary>
[Collection(WorkflowSystemCollection.Name)]
public sealed class WorkflowsApiTests(WorkflowSystem system)
{
    [Fact]
    public async Task Start_answers_202_with_the_run_id_and_the_callers_trace_and_the_run_keeps_its_input()
    {
        var caller = TraceParent.New();

        using var response = await system.PostAsync(
            "/workflows", new { type = "api-test.pending", input = new { n = 1, tags = new[] { "a" } }, taskQueue = WorkflowSystem.IdleTaskQueue }, caller);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var runId = accepted.GetProperty("runId").GetString()!;
        Assert.Equal($"/workflows/{runId}", response.Headers.Location?.OriginalString);
        Assert.False(accepted.GetProperty("alreadyStarted").GetBoolean());
        Assert.Equal(caller.TraceId, accepted.GetProperty("traceId").GetString());

        var run = await system.GetJsonAsync($"/workflows/{runId}");
        Assert.Equal(runId, run.GetProperty("runId").GetString());
        Assert.Equal("api-test.pending", run.GetProperty("type").GetString());
        Assert.Equal("pending", run.GetProperty("state").GetString());
        Assert.Equal(1, run.GetProperty("attempt").GetInt32());
        Assert.Equal(caller.TraceId, run.GetProperty("traceId").GetString());
        Assert.Equal(1, run.GetProperty("input").GetProperty("n").GetInt32());
        Assert.Equal("a", run.GetProperty("input").GetProperty("tags")[0].GetString());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("output").ValueKind);
        Assert.Empty(run.GetProperty("steps").EnumerateArray());
    }

    [Fact]
    public async Task Start_with_the_same_external_id_returns_the_unfinished_run()
    {
        var externalId = Guid.NewGuid().ToString();
        var body = new { type = "api-test.idempotent", externalId, taskQueue = WorkflowSystem.IdleTaskQueue };
        var first = await system.StartAsync(body);

        using var again = await system.PostAsync("/workflows", body);

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var accepted = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(first, accepted.GetProperty("runId").GetString());
        Assert.True(accepted.GetProperty("alreadyStarted").GetBoolean());
    }

    [Theory]
    [InlineData("""{"input":{}}""", "type")]
    [InlineData("""{"type":"Node Report"}""", "type")]
    [InlineData("""{"type":"-leading-dash"}""", "type")]
    public async Task A_missing_or_malformed_type_is_400_naming_the_field(string body, string field)
    {
        using var response = await PostRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"type\":")]
    [InlineData("null")]
    public async Task A_body_that_is_not_a_json_object_is_400(string body)
    {
        using var response = await PostRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task What_the_server_rejects_is_400_with_its_message()
    {
        using var response = await system.PostAsync(
            "/workflows", new { type = "api-test.bad-policy", taskQueue = WorkflowSystem.IdleTaskQueue, retryPolicy = new { maxAttempts = -1 } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("InvalidArgument", problem.GetProperty("grpcStatus").GetString());
        Assert.Contains("max_attempts", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_run_is_404()
    {
        using var response = await system.GetAsync($"/workflows/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Workflow not found", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task List_filters_by_type_and_state_and_pages_with_a_token()
    {
        var type = $"api-test.list-{Guid.NewGuid():N}"[..40];
        var started = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            started.Add(await system.StartAsync(new { type, taskQueue = WorkflowSystem.IdleTaskQueue }));
        }

        var first = await system.GetJsonAsync($"/workflows?type={type}&state=pending&namespace=default&pageSize=2");
        var firstItems = first.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, firstItems.Count);
        Assert.All(firstItems, run => Assert.Equal(type, run.GetProperty("type").GetString()));
        var token = first.GetProperty("nextPageToken").GetString();
        Assert.False(string.IsNullOrEmpty(token));
        var second = await system.GetJsonAsync($"/workflows?type={type}&pageSize=2&pageToken={Uri.EscapeDataString(token!)}");
        var ids = firstItems.Concat(second.GetProperty("items").EnumerateArray()).Select(r => r.GetProperty("runId").GetString()).ToList();
        Assert.Equal(started.AsEnumerable().Reverse(), ids); // newest first, each once
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextPageToken").ValueKind);

        Assert.Empty((await system.GetJsonAsync($"/workflows?type={type}&state=completed")).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("state=finished", "state")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    public async Task A_bad_list_filter_is_400_naming_it(string query, string field)
    {
        using var response = await system.GetAsync($"/workflows?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Cancel_a_pending_run_then_cancelling_again_is_409_and_retry_starts_a_new_run()
    {
        var runId = await system.StartAsync(new { type = "api-test.cancel", input = new { x = 1 }, taskQueue = WorkflowSystem.IdleTaskQueue });
        using (var early = await system.PostAsync($"/workflows/{runId}/retry", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode); // a pending run cannot be retried
        }

        using (var cancel = await system.PostAsync($"/workflows/{runId}/cancel", new { reason = "test says so" }))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
            Assert.Equal("cancelled", (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        }

        using (var again = await system.PostAsync($"/workflows/{runId}/cancel", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        var caller = TraceParent.New();
        using var retry = await system.PostAsync($"/workflows/{runId}/retry", null, caller);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var accepted = await retry.Content.ReadFromJsonAsync<JsonElement>();
        var newRunId = accepted.GetProperty("runId").GetString()!;
        Assert.NotEqual(runId, newRunId);
        Assert.Equal(caller.TraceId, accepted.GetProperty("traceId").GetString());
        var retried = await system.GetJsonAsync($"/workflows/{newRunId}");
        Assert.Equal(runId, retried.GetProperty("retryOf").GetString());
        Assert.Equal("pending", retried.GetProperty("state").GetString());
        Assert.Equal(1, retried.GetProperty("input").GetProperty("x").GetInt32());
        Assert.Equal(caller.TraceId, retried.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task A_read_token_may_list_but_not_start_and_no_token_is_401()
    {
        var read = TestTokens.For(Roles.Read);

        using (var start = await system.PostAsync("/workflows", new { type = "api-test.forbidden" }, token: read))
        {
            Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
        }

        using (var list = await system.GetAsync("/workflows?pageSize=1", token: read))
        {
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        }

        using var anonymous = TestHttp.CreateClient();
        using var none = await anonymous.GetAsync(new Uri(system.ApiUrl, "/workflows"));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_has_the_workflow_operations_with_their_permissions()
    {
        var paths = (await system.GetJsonAsync("/openapi/v1.json")).GetProperty("paths");

        Assert.Equal([Permissions.WorkflowWrite], Scopes(paths.GetProperty("/workflows").GetProperty("post")));
        Assert.Equal([Permissions.WorkflowRead], Scopes(paths.GetProperty("/workflows").GetProperty("get")));
        Assert.Equal([Permissions.WorkflowRead], Scopes(paths.GetProperty("/workflows/{id}").GetProperty("get")));
        Assert.Equal([Permissions.WorkflowWrite], Scopes(paths.GetProperty("/workflows/{id}/cancel").GetProperty("post")));
        Assert.Equal([Permissions.WorkflowWrite], Scopes(paths.GetProperty("/workflows/{id}/retry").GetProperty("post")));

        static IEnumerable<string?> Scopes(JsonElement operation) =>
            Assert.Single(operation.GetProperty("security").EnumerateArray()).GetProperty("Bearer").EnumerateArray().Select(s => s.GetString());
    }

    [Fact]
    public async Task The_samples_run_on_the_worker_node_report_completes_its_steps_and_flaky_completes_on_attempt_3()
    {
        var report = await system.StartAsync(new { type = "node-report" });
        var flaky = await system.StartAsync(new { type = "flaky", retryPolicy = new { initialInterval = "00:00:00.200" } });

        var done = await system.WaitForStateAsync(report, "completed");
        // The durable sleep is kept with the steps, under its timer name.
        Assert.Equal(["hostname", "disk", "pause", "summary"], done.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.All(done.GetProperty("steps").EnumerateArray(), s => Assert.Equal("completed", s.GetProperty("state").GetString()));
        var output = done.GetProperty("output");
        Assert.Equal(Environment.MachineName.ToLowerInvariant(), output.GetProperty("hostname").GetString()!.ToLowerInvariant());
        Assert.StartsWith(output.GetProperty("hostname").GetString()! + ": ", output.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, output.GetProperty("filesystems").ValueKind);

        var flakyDone = await system.WaitForStateAsync(flaky, "completed");
        Assert.Equal(3, flakyDone.GetProperty("attempt").GetInt32());
        Assert.Equal(3, flakyDone.GetProperty("output").GetProperty("attempt").GetInt32());
        var step = Assert.Single(flakyDone.GetProperty("steps").EnumerateArray());
        Assert.Equal(3, step.GetProperty("attempt").GetInt32());
    }

    private async Task<HttpResponseMessage> PostRawAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(system.ApiUrl, "/workflows"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        return await system.Http.SendAsync(request);
    }
}
