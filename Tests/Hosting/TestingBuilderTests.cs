using System.Diagnostics;
using System.Net.Http.Json;
using Npgsql;
using TraceApp.AppHost;
using TraceApp.Hosting.Orchestration;
using TraceApp.Hosting.Testing;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Hosting;

/// <summary>The AppHost's own model started by the testing builder: one started system shared by the class.</summary>
public sealed class TestingBuilderTests : IAsyncLifetime
{
    private TestingApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = await DistributedApplicationTestingBuilder.CreateAsync(builder => builder.AddTraceAppModel());
        await _app.StartAsync();
        foreach (var name in new[] { "nats", "postgres", "traceapp", "workflowserver", "api", "worker" })
        {
            await _app.WaitForResourceHealthyAsync(name);
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void Every_resource_is_running_and_healthy_on_random_ports()
    {
        var snapshots = _app.ResourceNotifications.Current;

        Assert.Equal(["api", "nats", "postgres", "traceapp", "worker", "workflowserver"], snapshots.Select(s => s.InstanceName).Order());
        Assert.All(snapshots, s => Assert.True(s.IsHealthy, $"{s.InstanceName}: {s.State}/{s.Health} {s.Message}"));
        Assert.DoesNotContain(snapshots.SelectMany(s => s.Endpoints), url => url.EndsWith(":5080", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Request_with_traceparent_reaches_the_test_receiver_over_otlp()
    {
        using var http = _app.CreateHttpClient("api");
        var caller = TraceParent.New();

        using var response = await http.SendAsync(caller.Get(http.BaseAddress!, "/version"));

        response.EnsureSuccessStatusCode();
        var span = Assert.Single(await _app.WaitForSpansAsync(caller.TraceId, s => s.Name == "GET /version"));
        Assert.Equal(caller.SpanId, span.ParentSpanId);
        Assert.Equal("api", span.ServiceName);
        Assert.StartsWith("api-", span.ResourceAttribute("service.instance.id"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_connection_string_reaches_the_created_database()
    {
        await using var connection = new NpgsqlConnection(await _app.GetConnectionStringAsync("traceapp"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);

        Assert.Equal("traceapp", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Services_get_the_connection_strings_of_their_references()
    {
        var worker = _app.ResourceNotifications.Current.Single(s => s.InstanceName == "worker");

        Assert.Equal(await _app.GetConnectionStringAsync("nats"), worker.Environment!["ConnectionStrings__nats"]);
        Assert.Equal(_app.Application.Endpoints.Url(_app.Application.Resources.Single(r => r.Name == "api"), "http"),
            worker.Environment!["services__api__http__0"]);
    }
}
