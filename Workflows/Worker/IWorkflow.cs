namespace TraceApp.Workflows.Worker;

/// <summary>
/// A workflow type as a plain class, named by <see cref="WorkflowAttribute"/>; resolved from DI (scoped to one
/// execution). Input and output are JSON-serialized with System.Text.Json web defaults.
/// </summary>
public interface IWorkflow<TInput, TOutput>
{
    Task<TOutput> RunAsync(IWorkflowContext context, TInput input);
}

/// <summary>The workflow type's name, as clients start it (e.g. "node-report").</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class WorkflowAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
