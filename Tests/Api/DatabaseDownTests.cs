using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Api;

/// <summary>
/// The Api started before its database (the AppHost no longer makes it wait): it serves, reports the database in
/// /health and answers 503 to what needs it; once the database answers, the migrations run and jobs are accepted,
/// without restarting the Api.
/// </summary>
public sealed class DatabaseDownTests(ApiServers servers) : IClassFixture<ApiServers>
{
    [Fact]
    public async Task Api_answers_503_until_the_database_is_up_then_migrates_and_accepts_jobs()
    {
        // The database is reached through a port where nothing listens until the forwarder starts.
        await using var forwarder = new TcpForwarder(servers.Postgres.Port);
        var connectionString = new NpgsqlConnectionStringBuilder(servers.Postgres.ConnectionString) { Port = forwarder.Port }.ConnectionString;
        var (api, address) = await RunningProgram.StartWebAsync("Api", servers.Environment(new Dictionary<string, string?>
        {
            ["ConnectionStrings__traceapp"] = connectionString,
        }));
        await using var _ = api;
        using var http = TestHttp.CreateClient(TestTokens.Admin);

        using (var health = await http.GetAsync(new Uri(address, "/health")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            var checks = (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").EnumerateArray()
                .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", checks["PostgreSql"]);
            Assert.Equal("Healthy", checks["NATS"]);
        }

        foreach (var target in new[] { "_any", "_all" })
        {
            using var down = await http.PostAsJsonAsync(new Uri(address, "/job"), new { operation = "node.os", target });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
            var problem = await down.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("database", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var list = await http.GetAsync(new Uri(address, "/job")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, list.StatusCode);
        }

        var failure = await api.Output.WaitForLineAsync(
            l => l.Contains("Job store migration attempt 1 failed, retrying", StringComparison.Ordinal), RunningProgram.WaitTimeout);
        Assert.Contains(forwarder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), failure, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failure, StringComparison.Ordinal);

        forwarder.Start();
        await api.Output.WaitForLineAsync(l => l.Contains("Job store migrated on attempt", StringComparison.Ordinal), RunningProgram.WaitTimeout);

        using var accepted = await http.PostAsJsonAsync(new Uri(address, "/job"), new { operation = "node.os" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using (var job = await http.GetAsync(new Uri(address, $"/job/{id}")))
        {
            Assert.Equal(HttpStatusCode.OK, job.StatusCode);
        }

        // No worker heartbeats in this database: _all has nobody to run on.
        using var noWorker = await http.PostAsJsonAsync(new Uri(address, "/job"), new { operation = "node.os", target = "_all" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, noWorker.StatusCode);
        Assert.Equal("No live worker", (await noWorker.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        using (var health = await http.GetAsync(new Uri(address, "/health")))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        Assert.DoesNotContain(api.Output.Lines, l => l.Contains(servers.Postgres.Password, StringComparison.Ordinal));
        // The Api's own reports are one line each (the health check middleware logs its exception as it always does).
        Assert.All(
            api.Output.Lines.Where(l => l.Contains("logger=TraceApp.", StringComparison.Ordinal)),
            l => Assert.DoesNotContain("   at ", l, StringComparison.Ordinal));
        Assert.Contains(api.Output.Lines, l => l.Contains("database unavailable for POST /job", StringComparison.Ordinal));
    }
}
