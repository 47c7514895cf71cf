using TraceApp.Hosting.ApplicationModel;
using TraceApp.Hosting.Execution;

namespace TraceApp.Hosting.Orchestration.Runners;

/// <summary>Any program; healthy while it runs, or when its HTTP health check answers.</summary>
public sealed class ExecutableRunner(ExecutableResource executable) : ResourceRunner(executable, executable.Name)
{
    public override Task StartAsync(RunContext context, CancellationToken cancellationToken)
    {
        var environment = executable.AnnotationsOf<EnvironmentAnnotation>().ToDictionary(e => e.Name, string? (e) => e.Value);
        Launch(context, new ProcessSpec(InstanceName, executable.Command, executable.Arguments, environment, executable.WorkingDirectory));
        return Task.CompletedTask;
    }

    public override async Task CheckHealthAsync(RunContext context, CancellationToken cancellationToken)
    {
        await RunningAsHealthy();
        if (executable.AnnotationsOf<HttpHealthCheckAnnotation>().FirstOrDefault() is { } check)
        {
            var url = new Uri(new Uri(context.Endpoints.Url(executable, check.EndpointName)), check.Path);
            using var response = await context.Http.GetAsync(url, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }
}
