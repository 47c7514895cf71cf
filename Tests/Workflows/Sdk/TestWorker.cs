using System.Text.Json;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Workflows.Sdk;

/// <summary>A running WorkflowTestWorker: its log lines and the spans its stdout exporter wrote.</summary>
public sealed class TestWorker(RunningProgram program) : IAsyncDisposable
{
    public RunningProgram Program { get; } = program;

    public Task<string> WaitForLogAsync(string text) =>
        Program.Output.WaitForLineAsync(l => !l.StartsWith('{') && l.Contains(text, StringComparison.Ordinal), WorkflowSdkSystem.Timeout);

    public bool HasLogged(string text) =>
        Program.Output.Lines.Any(l => !l.StartsWith('{') && l.Contains(text, StringComparison.Ordinal));

    /// <summary>SIGKILL: no drain, no deregistration; the run's lease has to expire.</summary>
    public async Task KillAsync()
    {
        Program.Process.Kill();
        await Program.Process.Exited;
    }

    public Task<int> StopAsync() => Program.StopAsync();

    /// <summary>The first exported span that matches, once it has been written.</summary>
    public async Task<JsonElement> WaitForSpanAsync(Func<JsonElement, bool> match)
    {
        var line = await Program.Output.WaitForLineAsync(
            l => l.StartsWith("{\"name\":", StringComparison.Ordinal) && match(JsonDocument.Parse(l).RootElement), WorkflowSdkSystem.Timeout);
        return JsonDocument.Parse(line).RootElement;
    }

    public Task<JsonElement> WaitForExecutionSpanAsync(string runId, string outcome) =>
        WaitForSpanAsync(s => s.Name() == "workflow_execution" && s.Tag("run_id") == runId && s.Tag("workflow.outcome") == outcome);

    public IReadOnlyList<JsonElement> Spans => ExportedSpans.Parse(Program.Output.Lines);

    public ValueTask DisposeAsync() => Program.DisposeAsync();
}
