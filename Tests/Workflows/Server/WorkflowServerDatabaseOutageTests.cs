using System.Diagnostics;
using Grpc.Core;
using TraceApp.Grpc.Client;
using TraceApp.Tests.Infrastructure;
using TraceApp.Tests.Infrastructure.Servers;
using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Server;

/// <summary>
/// The server starts before PostgreSQL, migrates once it answers, and its LISTEN connection comes back after a
/// PostgreSQL restart: NOTIFY wake-ups work again without restarting the server.
/// </summary>
public sealed class WorkflowServerDatabaseOutageTests
{
    private const string Listening = "Listening for workflow tasks";

    [Fact]
    public async Task The_server_waits_for_PostgreSQL_and_wakes_pollers_again_after_PostgreSQL_restarts()
    {
        await using var postgres = await PostgresServerProcess.StartNewAsync();
        await postgres.StopAsync();
        var grpcPort = FreePort.Next();
        var (server, _) = await RunningProgram.StartWebAsync("WorkflowServer", new Dictionary<string, string?>
        {
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["ConnectionStrings__traceapp"] = postgres.ConnectionString,
        });
        await using var running = server;
        await server.Output.WaitForLineAsync(l => l.Contains("Workflow schema migration attempt 1 failed", StringComparison.Ordinal), WorkflowServerSystem.Timeout);
        using var channels = new GrpcChannels();
        var address = new Uri($"http://127.0.0.1:{grpcPort}");
        var workflows = channels.CreateClient(address, invoker => new WorkflowService.WorkflowServiceClient(invoker));
        var workers = channels.CreateClient(address, invoker => new WorkerService.WorkerServiceClient(invoker));

        var unavailable = await Assert.ThrowsAsync<RpcException>(() =>
            workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = "outage" }).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, unavailable.StatusCode);
        Assert.DoesNotContain("Password", unavailable.Status.Detail, StringComparison.OrdinalIgnoreCase);

        await postgres.StartAgainAsync();
        await server.Output.WaitForLineAsync(l => l.Contains(Listening, StringComparison.Ordinal), RunningProgram.StartTimeout);
        await server.Output.WaitForLineAsync(l => l.Contains("Workflow schema migrated on attempt", StringComparison.Ordinal), RunningProgram.StartTimeout);
        var queue = WorkflowServerSystem.NewQueue();
        var workerId = (await workers.RegisterAsync(new RegisterRequest { TaskQueue = queue, WorkflowTypes = { "outage" } })).WorkerId;
        await AssertWokenByStartAsync(workflows, workers, workerId, queue);

        await postgres.StopAsync();
        await postgres.StartAgainAsync();
        await Eventually.WaitUntilAsync(
            () => server.Output.Lines.Count(l => l.Contains(Listening, StringComparison.Ordinal)) >= 2, RunningProgram.StartTimeout, "LISTEN again");
        await AssertWokenByStartAsync(workflows, workers, workerId, queue);
    }

    /// <summary>A poll held with a 30 s wait answers within seconds of a StartWorkflow of its queue.</summary>
    private static async Task AssertWokenByStartAsync(
        WorkflowService.WorkflowServiceClient workflows, WorkerService.WorkerServiceClient workers, string workerId, string queue)
    {
        // Pooled connections that died with the old PostgreSQL fail once (INTERNAL); a worker polls again.
        PollTaskResponse? answer = null;
        string? runId = null;
        var elapsed = TimeSpan.Zero;
        await Eventually.WaitUntilAsync(async () =>
        {
            var poll = workers.PollTaskAsync(new PollTaskRequest
            {
                WorkerId = workerId, TaskQueue = queue, Wait = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(30)),
            }).ResponseAsync;
            await Task.WhenAny(poll, Task.Delay(TimeSpan.FromMilliseconds(300)));
            runId ??= (await workflows.StartWorkflowAsync(new StartWorkflowRequest { WorkflowType = "outage", TaskQueue = queue })).RunId;
            var stopwatch = Stopwatch.StartNew();
            answer = await poll;
            elapsed = stopwatch.Elapsed;
            return true;
        }, WorkflowServerSystem.Timeout, "a poll to be answered", e => e is RpcException { StatusCode: StatusCode.Internal or StatusCode.Unavailable });

        Assert.True(answer!.HasTask);
        Assert.Equal(runId, answer.RunId);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"the poll answered {elapsed} after StartWorkflow: not woken by NOTIFY");
    }
}
