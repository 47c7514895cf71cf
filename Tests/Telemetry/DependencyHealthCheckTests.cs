using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TraceApp.ServiceDefaults.Health;

namespace TraceApp.Tests.Telemetry;

/// <summary>The helper later issues use for Postgres and NATS readiness checks.</summary>
public sealed class DependencyHealthCheckTests
{
    private static async Task<HealthReportEntry> CheckAsync(Func<IServiceProvider, CancellationToken, Task> probe, TimeSpan? timeout = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHealthChecks().AddDependencyCheck("dependency", probe, timeout);
        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries["dependency"];
    }

    [Fact]
    public async Task Probe_that_completes_is_healthy_and_tagged_ready()
    {
        var entry = await CheckAsync((_, _) => Task.CompletedTask);

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Contains("ready", entry.Tags);
        Assert.DoesNotContain(HealthCheckExtensions.LiveTag, entry.Tags);
    }

    [Fact]
    public async Task Probe_that_throws_is_unhealthy_with_its_message()
    {
        var entry = await CheckAsync((_, _) => throw new InvalidOperationException("connection refused"));

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal("connection refused", entry.Description);
    }

    [Fact]
    public async Task Probe_that_hangs_is_unhealthy_after_the_timeout()
    {
        var entry = await CheckAsync((_, ct) => Task.Delay(Timeout.Infinite, ct), TimeSpan.FromMilliseconds(100));

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
    }
}
