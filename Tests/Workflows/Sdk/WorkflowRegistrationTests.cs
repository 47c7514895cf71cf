using System.Text.RegularExpressions;
using Npgsql;
using TraceApp.Workflows.V1;

namespace TraceApp.Tests.Workflows.Sdk;

/// <summary>
/// The worker's side of registration, steered through WorkflowServer's own table (workflows.workers): a worker the
/// server forgot registers again; a worker marked draining is told so by its heartbeat and drains.
/// Heartbeats every second (3 s leases).
/// </summary>
[Collection(ShortLeaseCollection.Name)]
public sealed partial class WorkflowRegistrationTests(ShortLeaseSystem system)
{
    [Fact]
    public async Task A_worker_the_server_no_longer_knows_registers_again_and_goes_on_working()
    {
        var queue = system.NewQueue();
        await using var worker = await system.StartWorkerAsync(queue);
        var first = WorkerId(await worker.WaitForLogAsync("registered with WorkflowServer"));

        await ExecuteAsync("DELETE FROM workflows.workers WHERE id = @id", first);

        await worker.WaitForLogAsync($"Workflow worker {first} is unknown to WorkflowServer; registering again");
        var second = WorkerId(await worker.Program.Output.WaitForLineAsync(
            l => l.Contains("registered with WorkflowServer", StringComparison.Ordinal) && !l.Contains(first, StringComparison.Ordinal), WorkflowSdkSystem.Timeout));
        Assert.NotEqual(first, second);
        var runId = await system.StartAsync(queue, "test.steps", new { file = queue.StepLog, steps = 1 });
        Assert.Equal(WorkflowState.Completed, (await system.CompletionAsync(runId)).Run.State);
        var execution = await worker.WaitForExecutionSpanAsync(runId, "completed");
        Assert.Equal(second, execution.Tag("worker_id"));
    }

    [Fact]
    public async Task A_worker_told_to_drain_finishes_its_running_execution_deregisters_and_takes_no_more_runs()
    {
        var queue = system.NewQueue();
        await using var worker = await system.StartWorkerAsync(queue);
        var workerId = WorkerId(await worker.WaitForLogAsync("registered with WorkflowServer"));
        var running = await system.StartAsync(queue, "test.steps", new { file = queue.StepLog, steps = 2, blockAt = 1, gateFile = queue.Gate });
        await Infrastructure.Eventually.WaitUntilAsync(() => queue.Count(running, "step-1:waiting") == 1, WorkflowSdkSystem.Timeout, "step-1 to block");

        await ExecuteAsync("UPDATE workflows.workers SET draining = true WHERE id = @id", workerId);
        await worker.WaitForLogAsync($"WorkflowServer asked workflow worker {workerId} to drain");
        var later = await system.StartAsync(queue, "test.steps", new { file = queue.StepLog, steps = 1 });
        queue.OpenGate();

        Assert.Equal(WorkflowState.Completed, (await system.CompletionAsync(running)).Run.State);
        await worker.WaitForLogAsync($"Workflow worker {workerId} deregistered");
        Assert.Equal(WorkflowState.Pending, (await system.Client.GetAsync(later)).Run.State);
        Assert.Equal(0, queue.Count(later, "step-1"));
        Assert.False(worker.Program.Process.HasExited, "draining stops the workflow runtime, not the process");
        await system.Client.CancelAsync(later);
    }

    private async Task ExecuteAsync(string sql, string workerId)
    {
        await using var connection = new NpgsqlConnection(system.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", Guid.Parse(workerId));
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static string WorkerId(string registeredLine) => RegisteredPattern().Match(registeredLine).Groups[1].Value;

    [GeneratedRegex("Workflow worker ([0-9a-f-]{36}) registered")]
    private static partial Regex RegisteredPattern();
}
