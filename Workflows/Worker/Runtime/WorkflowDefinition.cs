using Microsoft.Extensions.DependencyInjection;

namespace TraceApp.Workflows.Worker.Runtime;

/// <summary>
/// One workflow type the worker can execute: its name and how to run it from an execution's DI scope, JSON input
/// in, JSON output out.
/// </summary>
internal sealed record WorkflowDefinition(string Name, Func<IServiceProvider, IWorkflowContext, string, Task<string>> RunAsync)
{
    public static WorkflowDefinition ForClass<TWorkflow, TInput, TOutput>(string name) where TWorkflow : class, IWorkflow<TInput, TOutput> =>
        new(name, async (services, context, input) =>
        {
            var workflow = services.GetRequiredService<TWorkflow>();
            var output = await workflow.RunAsync(context, WorkflowJson.Deserialize<TInput>(input)!);
            return WorkflowJson.Serialize(output);
        });

    public static WorkflowDefinition ForDelegate<TInput, TOutput>(string name, Func<IWorkflowContext, TInput, Task<TOutput>> run) =>
        new(name, async (_, context, input) =>
        {
            var output = await run(context, WorkflowJson.Deserialize<TInput>(input)!);
            return WorkflowJson.Serialize(output);
        });
}
