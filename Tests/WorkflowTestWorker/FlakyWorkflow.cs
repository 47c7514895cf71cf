using TraceApp.Workflows.Worker;

namespace TraceApp.WorkflowTestWorker;

public sealed record FlakyInput(string File, int Failures) : StepLog(File);

/// <summary>Step "attempt" throws on its first <see cref="FlakyInput.Failures"/> executions; the output is the attempt that succeeded.</summary>
[Workflow("test.flaky")]
public sealed class FlakyWorkflow : IWorkflow<FlakyInput, int>
{
    public async Task<int> RunAsync(IWorkflowContext context, FlakyInput input)
    {
        var succeeded = await context.StepAsync("attempt", _ =>
        {
            input.Append(context.RunId, "attempt");
            var attempt = input.Count(context.RunId, "attempt");
            return attempt <= input.Failures
                ? throw new InvalidOperationException($"flaky failure {attempt} of {input.Failures}")
                : Task.FromResult(attempt);
        });
        await context.StepAsync("after", _ =>
        {
            input.Append(context.RunId, "after");
            return Task.CompletedTask;
        });
        return succeeded;
    }
}
