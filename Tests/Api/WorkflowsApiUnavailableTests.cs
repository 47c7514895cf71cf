using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Api;

/// <summary>The Api with nothing listening at the workflow server's address: <c>/workflows</c> is 503, the rest still works.</summary>
public sealed class WorkflowsApiUnavailableTests(ApiServers servers) : IClassFixture<ApiServers>
{
    [Fact]
    public async Task Without_a_workflow_server_workflows_are_503_naming_it_and_jobs_still_work()
    {
        var nobody = $"http://127.0.0.1:{FreePort.Next()}";
        var (api, address) = await RunningProgram.StartWebAsync("Api", servers.Environment(new Dictionary<string, string?> { ["Workflows__ServerAddress"] = nobody }));
        await using var _ = api;
        using var http = TestHttp.CreateClient(TestTokens.Admin);

        using var start = await http.PostAsJsonAsync(new Uri(address, "/workflows"), new { type = "node-report" });
        using var list = await http.GetAsync(new Uri(address, "/workflows"));
        using var jobs = await http.GetAsync(new Uri(address, "/job/status"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, start.StatusCode);
        var problem = await start.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The workflow server is unavailable; try again later.", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
    }
}
