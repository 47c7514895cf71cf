using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using TraceApp.Messaging;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Messaging;

public sealed class NatsHealthCheckTests(NatsServerFixture server) : IClassFixture<NatsServerFixture>
{
    private static async Task<HealthReportEntry> CheckAsync(string? connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:nats"] = connectionString;
        builder.AddNatsClient();
        using var host = builder.Build();
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries["nats"];
    }

    [Fact]
    public async Task Healthy_when_a_round_trip_succeeds()
    {
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(server.ConnectionString)).Status);
    }

    [Fact]
    public async Task Unhealthy_when_the_server_cannot_be_reached()
    {
        var entry = await CheckAsync($"nats://traceapp:x@127.0.0.1:{FreePort.Next()}");

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
    }

    [Fact]
    public void Missing_connection_string_is_a_clear_start_up_error()
    {
        var builder = Host.CreateApplicationBuilder();

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddNatsClient());

        Assert.Contains("ConnectionStrings:nats is not set", error.Message, StringComparison.Ordinal);
    }
}
