using System.Net;
using System.Text.Json;
using Grpc.Health.V1;
using TraceApp.Grpc.Client;
using TraceApp.Tests.Infrastructure;
using TraceApp.Tests.Infrastructure.Servers;

namespace TraceApp.Tests.Programs;

/// <summary>Every program answers /health (all checks, JSON) and /alive (liveness checks only).</summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Api_reports_an_unreachable_database_and_nats_in_health_and_stays_alive()
    {
        // Nothing listens there: the checks report it, the process stays alive (and retries its migrations).
        var (api, address) = await RunningProgram.StartWebAsync("Api", new Dictionary<string, string?>
        {
            ["ConnectionStrings__traceapp"] = $"Host=127.0.0.1;Port={FreePort.Next()};Username=traceapp;Password=secret-x;Database=traceapp",
            ["ConnectionStrings__nats"] = $"nats://traceapp:secret-y@127.0.0.1:{FreePort.Next()}",
        });
        await using var _ = api;
        using var http = TestHttp.CreateClient();

        using var health = await http.GetAsync(new Uri(address, "/health"));
        var text = await health.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var checks = body.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", checks["PostgreSql"]);
        Assert.Equal("Unhealthy", checks["NATS"]);
        Assert.Equal("Healthy", checks["self"]);
        Assert.DoesNotContain("secret-", text, StringComparison.Ordinal);
        using var alive = await http.GetAsync(new Uri(address, "/alive"));
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.DoesNotContain(api.Output.Lines, line => line.Contains("secret-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Worker_serves_health_from_its_generic_host_with_its_database_and_nats_checks()
    {
        await using var postgres = await PostgresServerProcess.StartNewAsync("traceapp");
        await using var nats = await NatsServerProcess.StartNewAsync();
        await using var worker = RunningProgram.Start("Worker", new Dictionary<string, string?>
        {
            ["ConnectionStrings__traceapp"] = postgres.ConnectionString,
            ["ConnectionStrings__nats"] = nats.ConnectionString,
        });
        var address = await worker.WaitForAddressAsync("Health endpoints listening on ");

        using var http = TestHttp.CreateClient();
        using var health = await http.GetAsync(new Uri(address, "/health"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal(
            ["NATS:Healthy", "PostgreSql:Healthy", "self:Healthy"],
            body.RootElement.GetProperty("checks").EnumerateArray()
                .Select(c => $"{c.GetProperty("name").GetString()}:{c.GetProperty("status").GetString()}").Order(StringComparer.Ordinal));
        using var alive = await http.GetAsync(new Uri(address, "/alive"));
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task WorkflowServer_serves_http_health_with_its_database_check_and_grpc_health_on_its_grpc_endpoint()
    {
        int grpcPort = FreePort.Next(), httpPort = FreePort.Next();
        var (server, _) = await RunningProgram.StartWebAsync("WorkflowServer", new Dictionary<string, string?>
        {
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort}",
            // No PostgreSQL listens there: the database check reports it, the process stays alive.
            ["ConnectionStrings__traceapp"] = $"Host=127.0.0.1;Port={FreePort.Next()};Username=traceapp;Password=x;Database=traceapp",
            ["TRACEAPP_TELEMETRY_TRACING_EXPORTER"] = "stdout",
        });
        await using var running = server;
        using var http = TestHttp.CreateClient();

        using var health = await http.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/health"));
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var checks = body.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", checks["PostgreSql"]);
        Assert.Equal("Healthy", checks["self"]);
        Assert.DoesNotContain("Password", body.RootElement.GetRawText(), StringComparison.Ordinal);
        using var alive = await http.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/alive"));
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);

        using var channels = new GrpcChannels();
        var grpcHealth = channels.CreateClient(new Uri($"http://127.0.0.1:{grpcPort}"), invoker => new Health.HealthClient(invoker));
        var response = await grpcHealth.CheckAsync(new HealthCheckRequest { Service = "" });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, response.Status);

        // The call's Server span, named by the ASP.NET Core instrumentation after the gRPC method.
        var line = await server.Output.WaitForLineAsync(
            l => l.StartsWith('{') && l.Contains("\"grpc.health.v1.Health/Check\"", StringComparison.Ordinal), RunningProgram.WaitTimeout);
        var span = JsonDocument.Parse(line).RootElement;
        Assert.Equal("Server", span.GetProperty("kind").GetString());
        Assert.Equal("grpc.health.v1.Health/Check", span.GetProperty("attributes").GetProperty("rpc.method").GetString());
        Assert.Equal("OK", span.GetProperty("attributes").GetProperty("rpc.response.status_code").GetString());
        Assert.Equal("workflowserver", span.GetProperty("resource").GetProperty("service.name").GetString());
    }

    [Fact]
    public async Task WorkflowServer_is_healthy_with_its_database_reachable()
    {
        await using var postgres = await PostgresServerProcess.StartNewAsync("traceapp");
        int grpcPort = FreePort.Next(), httpPort = FreePort.Next();
        var (server, _) = await RunningProgram.StartWebAsync("WorkflowServer", new Dictionary<string, string?>
        {
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort}",
            ["ConnectionStrings__traceapp"] = postgres.ConnectionString,
        });
        await using var running = server;
        using var http = TestHttp.CreateClient();

        using var health = await http.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/health"));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal(
            ["PostgreSql:Healthy", "self:Healthy"],
            body.RootElement.GetProperty("checks").EnumerateArray()
                .Select(c => $"{c.GetProperty("name").GetString()}:{c.GetProperty("status").GetString()}").Order());
    }

    private static async Task AssertHealthyAsync(Uri address)
    {
        using var http = TestHttp.CreateClient();
        using var health = await http.GetAsync(new Uri(address, "/health"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        var check = Assert.Single(body.RootElement.GetProperty("checks").EnumerateArray());
        Assert.Equal("self", check.GetProperty("name").GetString());

        using var alive = await http.GetAsync(new Uri(address, "/alive"));
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
