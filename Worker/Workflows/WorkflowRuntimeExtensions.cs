using TraceApp.Workflows.Hosting;

namespace TraceApp.Worker.Workflows;

public static partial class WorkflowRuntimeExtensions
{
    /// <summary>Where service discovery finds WorkflowServer (the AppHost's <c>WithReference(workflowServer)</c> sets it).</summary>
    public const string ServerSection = "services:workflowserver";

    /// <summary>
    /// The workflow runtime beside the job consumer, with the sample workflows <c>node-report</c> and <c>flaky</c>, when
    /// the configuration says where WorkflowServer is (service discovery, or <c>Workflows:ServerAddress</c>); without it (a Worker started for jobs only) the runtime is off,
    /// said once in the log, and jobs run as before.
    /// </summary>
    public static IHostApplicationBuilder AddWorkflowRuntime(this IHostApplicationBuilder builder)
    {
        if (!builder.Configuration.GetSection(ServerSection).Exists()
            && string.IsNullOrEmpty(builder.Configuration[WorkflowHostingExtensions.ServerAddressKey]))
        {
            builder.Services.AddHostedService<WorkflowRuntimeOffNotice>();
            return builder;
        }

        builder.AddWorkflowWorker()
            .AddWorkflow<NodeReportWorkflow, NodeReportInput?, NodeReport>()
            .AddWorkflow<FlakyWorkflow, FlakyInput?, FlakyResult>();
        return builder;
    }

    private sealed partial class WorkflowRuntimeOffNotice(ILogger<WorkflowRuntimeOffNotice> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            LogOff(logger, ServerSection);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Information, Message = "The workflow runtime is off: no WorkflowServer address ({Section} or Workflows:ServerAddress) is configured.")]
        private static partial void LogOff(ILogger logger, string section);
    }
}
