using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TraceApp.Workflows.Worker;
using TraceApp.Workflows.Worker.Runtime;

namespace TraceApp.Workflows.Hosting;

internal sealed class WorkflowWorkerBuilder(IServiceCollection services, WorkflowRegistry registry) : IWorkflowWorkerBuilder
{
    public IWorkflowWorkerBuilder AddWorkflow<TWorkflow, TInput, TOutput>() where TWorkflow : class, IWorkflow<TInput, TOutput>
    {
        var name = typeof(TWorkflow).GetCustomAttribute<WorkflowAttribute>()?.Name
            ?? throw new InvalidOperationException($"{typeof(TWorkflow).Name} has no [Workflow(\"name\")] attribute.");
        registry.Add(WorkflowDefinition.ForClass<TWorkflow, TInput, TOutput>(name));
        // Scoped: one instance per execution, with the execution's scoped dependencies.
        services.TryAddScoped<TWorkflow>();
        return this;
    }

    public IWorkflowWorkerBuilder AddWorkflow<TInput, TOutput>(string name, Func<IWorkflowContext, TInput, Task<TOutput>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        registry.Add(WorkflowDefinition.ForDelegate(name, run));
        return this;
    }
}
