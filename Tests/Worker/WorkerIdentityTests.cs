using TraceApp.Tests.Infrastructure;
using TraceApp.Tests.Infrastructure.Servers;

namespace TraceApp.Tests.Worker;

/// <summary>How a worker names itself and its host (no database needed: the consumer logs both when it listens).</summary>
public sealed class WorkerIdentityTests
{
    private static readonly string NoDatabase = $"Host=127.0.0.1;Port={FreePort.Next()};Username=traceapp;Password=x;Database=traceapp;Timeout=2";

    [Fact]
    public async Task Without_settings_the_name_is_the_aspire_instance_id_and_the_host_is_this_machine()
    {
        await using var nats = await NatsServerProcess.StartNewAsync();
        await using var worker = RunningProgram.Start("Worker", new Dictionary<string, string?>
        {
            ["ConnectionStrings__traceapp"] = NoDatabase,
            ["ConnectionStrings__nats"] = nats.ConnectionString,
            ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=worker-replica-7,deployment.environment=test",
        });

        var host = Environment.MachineName.ToLowerInvariant();
        await worker.Output.WaitForLineAsync(
            l => l.Contains($"Worker worker-replica-7 on host {host} listening on jobs.query._any, jobs.query._all, jobs.query.host.{host}", StringComparison.Ordinal),
            WorkerSystem.Timeout);
    }

    [Fact]
    public async Task Without_an_instance_id_two_workers_on_one_machine_get_different_names()
    {
        await using var nats = await NatsServerProcess.StartNewAsync();
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__traceapp"] = NoDatabase,
            ["ConnectionStrings__nats"] = nats.ConnectionString,
        };
        await using var first = RunningProgram.Start("Worker", environment);
        await using var second = RunningProgram.Start("Worker", environment);

        var host = Environment.MachineName.ToLowerInvariant();
        foreach (var worker in new[] { first, second })
        {
            await worker.Output.WaitForLineAsync(
                l => l.Contains($"Worker {host}-{worker.Process.Id} on host {host} listening on jobs.", StringComparison.Ordinal),
                WorkerSystem.Timeout);
        }
    }

    [Fact]
    public async Task A_host_name_that_is_not_rfc_1123_stops_the_worker_with_one_error_line()
    {
        await using var worker = RunningProgram.Start("Worker", new Dictionary<string, string?>
        {
            ["ConnectionStrings__traceapp"] = NoDatabase,
            ["ConnectionStrings__nats"] = "nats://127.0.0.1:1",
            ["Worker__HostName"] = "not_a_host",
        });

        Assert.Equal(78, await worker.Process.Exited.WaitAsync(RunningProgram.StartTimeout));
        var error = Assert.Single(worker.Process.StandardError.Lines);
        Assert.StartsWith("error: Worker:HostName: ", error, StringComparison.Ordinal);
    }
}
