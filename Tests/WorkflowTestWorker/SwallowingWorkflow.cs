using TraceApp.Workflows.Worker;

namespace TraceApp.WorkflowTestWorker;

/// <summary>Catches every exception of a failing step and returns: the runtime must still not complete the run.</summary>
[Workflow("test.swallow")]
public sealed class SwallowingWorkflow : IWorkflow<StepLog, string>
{
    public async Task<string> RunAsync(IWorkflowContext context, StepLog input)
    {
        try
        {
            await context.StepAsync("boom", _ =>
            {
                input.Append(context.RunId, "boom");
                return Task.FromException(new InvalidOperationException("boom"));
            });
        }
        catch (Exception)
        {
            input.Append(context.RunId, "swallowed");
        }

        return "swallowed";
    }
}

/// <summary>Throws outside any step: the run fails at once, without retries.</summary>
[Workflow("test.throws")]
public sealed class ThrowingWorkflow : IWorkflow<StepLog, string>
{
    public async Task<string> RunAsync(IWorkflowContext context, StepLog input)
    {
        await context.StepAsync("before", _ =>
        {
            input.Append(context.RunId, "before");
            return Task.CompletedTask;
        });
        throw new ArgumentException("the workflow code itself failed");
    }
}
