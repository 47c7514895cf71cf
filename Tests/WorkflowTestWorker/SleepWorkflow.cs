using TraceApp.Workflows.Worker;

namespace TraceApp.WorkflowTestWorker;

public sealed record SleepInput(string File, int Milliseconds) : StepLog(File);

/// <summary>A delegate workflow: step "before", a durable sleep, step "after".</summary>
public static class SleepWorkflow
{
    public const string Name = "test.sleep";

    public static async Task<string> RunAsync(IWorkflowContext context, SleepInput input)
    {
        await context.StepAsync("before", _ =>
        {
            input.Append(context.RunId, "before");
            return Task.CompletedTask;
        });
        await context.SleepAsync(TimeSpan.FromMilliseconds(input.Milliseconds));
        await context.StepAsync("after", _ =>
        {
            input.Append(context.RunId, "after");
            return Task.CompletedTask;
        });
        return "slept";
    }
}
