using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TraceApp.Tests.Telemetry;

/// <summary>HttpClients from a ServiceDefaults host resolve logical names and retry only idempotent requests.</summary>
public sealed class HttpClientDefaultsTests : IAsyncLifetime
{
    private WebApplication _server = null!;
    private IHost _client = null!;
    private int _flakyGets;
    private int _flakyPosts;

    public async Task InitializeAsync()
    {
        var serverBuilder = WebApplication.CreateSlimBuilder();
        serverBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = serverBuilder.Build();
        _server.MapGet("/ping", () => "pong");
        _server.MapGet("/flaky", () => Interlocked.Increment(ref _flakyGets) == 1 ? Results.StatusCode(503) : Results.Text("recovered"));
        _server.MapPost("/flaky", () => { Interlocked.Increment(ref _flakyPosts); return Results.StatusCode(503); });
        await _server.StartAsync();

        var clientBuilder = Host.CreateApplicationBuilder();
        clientBuilder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:api:http:0"] = _server.Urls.Single(),
            ["services:workflowserver:grpc:0"] = _server.Urls.Single(),
        });
        clientBuilder.AddServiceDefaults();
        _client = clientBuilder.Build();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private HttpClient CreateClient() => _client.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

    [Fact]
    public async Task Logical_name_resolves_from_services_configuration()
    {
        using var http = CreateClient();

        Assert.Equal("pong", await http.GetStringAsync("http://api/ping"));
    }

    [Fact]
    public async Task Named_endpoint_resolves_with_the_underscore_syntax()
    {
        using var http = CreateClient();

        Assert.Equal("pong", await http.GetStringAsync("http://_grpc.workflowserver/ping"));
    }

    [Fact]
    public async Task Transient_failure_of_a_GET_is_retried()
    {
        using var http = CreateClient();

        Assert.Equal("recovered", await http.GetStringAsync("http://api/flaky"));
        Assert.Equal(2, _flakyGets);
    }

    [Fact]
    public async Task Transient_failure_of_a_POST_is_not_retried()
    {
        using var http = CreateClient();

        using var response = await http.PostAsync("http://api/flaky", content: null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, _flakyPosts);
    }
}
