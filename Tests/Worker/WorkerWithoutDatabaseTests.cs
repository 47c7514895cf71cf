using System.Net;
using NATS.Client.Core;
using TraceApp.Jobs.Contracts;
using TraceApp.Messaging;
using TraceApp.Tests.Infrastructure;
using TraceApp.Tests.Infrastructure.Servers;

namespace TraceApp.Tests.Worker;

/// <summary>
/// The AppHost does not make the worker wait for PostgreSQL: without it the worker keeps running, retries, reports
/// it on /health, and runs no job it could not acknowledge (the job stays pending for re-dispatch).
/// </summary>
public sealed class WorkerWithoutDatabaseTests
{
    [Fact]
    public async Task Without_its_database_the_worker_keeps_running_and_leaves_dispatched_jobs_alone()
    {
        await using var nats = await NatsServerProcess.StartNewAsync();
        await using var worker = RunningProgram.Start("Worker", new Dictionary<string, string?>
        {
            // Nothing listens there.
            ["ConnectionStrings__traceapp"] = $"Host=127.0.0.1;Port={FreePort.Next()};Username=traceapp;Password=x;Database=traceapp;Timeout=2",
            ["ConnectionStrings__nats"] = nats.ConnectionString,
            ["Worker__Name"] = "worker-lonely",
            ["Logging__LogLevel__TraceApp.Worker"] = "Debug",
            ["TRACEAPP_TELEMETRY_TRACING_ENABLED"] = "true",
        });
        var address = await worker.WaitForAddressAsync("Health endpoints listening on ");
        await worker.Output.WaitForLineAsync(l => l.Contains("Cannot migrate the job store", StringComparison.Ordinal), WorkerSystem.Timeout);
        await worker.Output.WaitForLineAsync(l => l.Contains(" listening on jobs.", StringComparison.Ordinal), WorkerSystem.Timeout);
        await using var client = new NatsConnection(NatsConnectionString.Parse(nats.ConnectionString));
        var trace = TraceParent.New();
        var jobId = Guid.NewGuid();

        using var caller = trace.StartAsCurrent();
        await client.PublishAsync(JobSubjects.For(JobKind.Query, JobTarget.Any), new JobDispatch(jobId).ToUtf8Bytes(),
            headers: new NatsHeaders { ["traceparent"] = trace.Header });

        var line = await worker.Output.WaitForLineAsync(l => l.Contains($"Job {jobId} not run: acknowledging it failed", StringComparison.Ordinal), WorkerSystem.Timeout);
        Assert.Contains($"trace_id={trace.TraceId}", line, StringComparison.Ordinal);
        Assert.False(worker.Process.HasExited);
        using var http = TestHttp.CreateClient();
        using var health = await http.GetAsync(new Uri(address, "/health"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(0, await worker.StopAsync());
    }
}
