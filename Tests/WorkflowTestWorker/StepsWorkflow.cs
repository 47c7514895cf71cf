using TraceApp.Workflows.Worker;

namespace TraceApp.WorkflowTestWorker;

/// <param name="Steps">Steps step-1..step-N, each returning its number.</param>
/// <param name="BlockAt">This step logs "step-N:waiting" and waits until <paramref name="GateFile"/> exists.</param>
public sealed record StepsInput(string File, int Steps, int? BlockAt = null, string? GateFile = null) : StepLog(File);

/// <summary>N steps in a row; the output is the sum of their results (so memoized outputs count too).</summary>
[Workflow("test.steps")]
public sealed class StepsWorkflow : IWorkflow<StepsInput, int>
{
    private static readonly TimeSpan GatePoll = TimeSpan.FromMilliseconds(50);

    public async Task<int> RunAsync(IWorkflowContext context, StepsInput input)
    {
        var sum = 0;
        for (var i = 1; i <= input.Steps; i++)
        {
            var number = i;
            sum += await context.StepAsync($"step-{number}", async token =>
            {
                if (number == input.BlockAt)
                {
                    input.Append(context.RunId, $"step-{number}:waiting");
                    while (!File.Exists(input.GateFile))
                    {
                        await Task.Delay(GatePoll, token);
                    }
                }

                input.Append(context.RunId, $"step-{number}");
                return number;
            });
        }

        return sum;
    }
}
