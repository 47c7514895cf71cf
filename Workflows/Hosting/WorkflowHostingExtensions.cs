using Microsoft.Extensions.Hosting;
using TraceApp.Workflows.Worker;

namespace TraceApp.Workflows.Hosting;

public static class WorkflowHostingExtensions
{
    /// <summary>
    /// Registers <see cref="Client.WorkflowClient"/> over a gRPC client for WorkflowServer found through service
    /// discovery (<paramref name="address"/>, default <see cref="WorkflowDefaults.ServerAddress"/>).
    /// </summary>
    public static IHostApplicationBuilder AddWorkflowClient(this IHostApplicationBuilder builder, string address = WorkflowDefaults.ServerAddress) =>
        throw new NotImplementedException();

    /// <summary>
    /// Registers the worker runtime as a hosted service (register, poll, execute up to MaxConcurrency runs, heartbeat,
    /// drain on stop) with options from "Workflows:Worker" then <paramref name="configure"/>. Add workflow types on the result.
    /// </summary>
    public static IWorkflowWorkerBuilder AddWorkflowWorker(
        this IHostApplicationBuilder builder, Action<WorkflowWorkerOptions>? configure = null, string address = WorkflowDefaults.ServerAddress) =>
        throw new NotImplementedException();
}

public interface IWorkflowWorkerBuilder
{
    /// <summary>A workflow class; its type name comes from its <see cref="WorkflowAttribute"/>.</summary>
    IWorkflowWorkerBuilder AddWorkflow<TWorkflow, TInput, TOutput>() where TWorkflow : class, IWorkflow<TInput, TOutput>;

    /// <summary>A workflow as a delegate.</summary>
    IWorkflowWorkerBuilder AddWorkflow<TInput, TOutput>(string name, Func<IWorkflowContext, TInput, Task<TOutput>> run);
}
