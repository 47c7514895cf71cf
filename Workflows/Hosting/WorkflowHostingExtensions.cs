using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using TraceApp.Workflows.Client;
using TraceApp.Workflows.V1;
using TraceApp.Workflows.Worker;
using TraceApp.Workflows.Worker.Runtime;

namespace TraceApp.Workflows.Hosting;

public static class WorkflowHostingExtensions
{
    /// <summary>Overrides the address passed to <see cref="AddWorkflowClient"/> / <see cref="AddWorkflowWorker"/> (tests, benchmarks).</summary>
    public const string ServerAddressKey = "Workflows:ServerAddress";

    /// <summary>
    /// Registers <see cref="Client.WorkflowClient"/> over a gRPC client for WorkflowServer found through service
    /// discovery (<paramref name="address"/>, default <see cref="WorkflowDefaults.ServerAddress"/>; configuration
    /// "Workflows:ServerAddress" wins when set).
    /// </summary>
    public static IHostApplicationBuilder AddWorkflowClient(this IHostApplicationBuilder builder, string address = WorkflowDefaults.ServerAddress)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(WorkflowClient)))
        {
            return builder;
        }

        builder.Services.AddWorkflowGrpcClient<WorkflowService.WorkflowServiceClient>(ResolveAddress(builder.Configuration, address));
        builder.Services.AddTransient<WorkflowClient>();
        return builder;
    }

    /// <summary>
    /// Registers the worker runtime as a hosted service (register, poll, execute up to MaxConcurrency runs, heartbeat,
    /// drain on stop) with options from "Workflows:Worker" then <paramref name="configure"/>. Add workflow types on the result.
    /// </summary>
    public static IWorkflowWorkerBuilder AddWorkflowWorker(
        this IHostApplicationBuilder builder, Action<WorkflowWorkerOptions>? configure = null, string address = WorkflowDefaults.ServerAddress)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(WorkflowRegistry)))
        {
            throw new InvalidOperationException("AddWorkflowWorker was already called: add every workflow type on the builder it returned.");
        }

        var registry = new WorkflowRegistry();
        builder.Services.AddSingleton(registry);
        var options = builder.Services.AddOptions<WorkflowWorkerOptions>().Bind(builder.Configuration.GetSection(WorkflowWorkerOptions.SectionName));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.AddWorkflowGrpcClient<WorkerService.WorkerServiceClient>(ResolveAddress(builder.Configuration, address));
        builder.Services.TryAddSingleton<WorkflowExecutor>();
        builder.Services.AddHostedService<WorkflowWorkerService>();
        return new WorkflowWorkerBuilder(builder.Services, registry);
    }

    private static Uri ResolveAddress(IConfiguration configuration, string address) =>
        new(configuration[ServerAddressKey] is { Length: > 0 } configured ? configured : address);
}

public interface IWorkflowWorkerBuilder
{
    /// <summary>A workflow class; its type name comes from its <see cref="WorkflowAttribute"/>.</summary>
    IWorkflowWorkerBuilder AddWorkflow<TWorkflow, TInput, TOutput>() where TWorkflow : class, IWorkflow<TInput, TOutput>;

    /// <summary>A workflow as a delegate.</summary>
    IWorkflowWorkerBuilder AddWorkflow<TInput, TOutput>(string name, Func<IWorkflowContext, TInput, Task<TOutput>> run);
}
