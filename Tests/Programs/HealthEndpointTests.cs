using System.Net;
using System.Text.Json;
using Grpc.Health.V1;
using TraceApp.Grpc.Client;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Programs;

/// <summary>Every program answers /health (all checks, JSON) and /alive (liveness checks only).</summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Api_answers_health_and_alive()
    {
        var (api, address) = await RunningProgram.StartWebAsync("Api");
        await using var _ = api;

        await AssertHealthyAsync(address);
    }

    [Fact]
    public async Task Worker_serves_health_from_its_generic_host()
    {
        await using var worker = RunningProgram.Start("Worker");
        var address = await worker.WaitForAddressAsync("Health endpoints listening on ");

        await AssertHealthyAsync(address);
    }

    [Fact]
    public async Task WorkflowServer_serves_http_health_on_its_http1_endpoint_and_grpc_health_on_its_grpc_endpoint()
    {
        int grpcPort = FreePort.Next(), httpPort = FreePort.Next();
        var (server, _) = await RunningProgram.StartWebAsync("WorkflowServer", new Dictionary<string, string?>
        {
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort}",
        });
        await using var running = server;

        await AssertHealthyAsync(new Uri($"http://127.0.0.1:{httpPort}"));

        using var channels = new GrpcChannels();
        var health = channels.CreateClient(new Uri($"http://127.0.0.1:{grpcPort}"), invoker => new Health.HealthClient(invoker));
        var response = await health.CheckAsync(new HealthCheckRequest { Service = "" });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
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
