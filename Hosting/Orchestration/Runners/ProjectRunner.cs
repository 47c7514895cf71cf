using TraceApp.Hosting.ApplicationModel;
using TraceApp.Hosting.Execution;

namespace TraceApp.Hosting.Orchestration.Runners;

/// <summary>One replica of a project: <c>dotnet &lt;dll&gt;</c> from artifacts/bin with the env contract.</summary>
public sealed class ProjectRunner(ProjectResource project, string instanceName, int replica, string instanceId)
    : ResourceRunner(project, instanceName, replica)
{
    private Dictionary<string, string?>? _environment;

    public override IReadOnlyDictionary<string, string?>? Environment => _environment;

    public override void CheckPrerequisites() => ProjectLocator.GetProgramPath(project.ProjectName);

    public override Task StartAsync(RunContext context, CancellationToken cancellationToken)
    {
        _environment = ProjectEnvironment.For(project, Replica, instanceId, context.Endpoints, context.Options);
        Launch(context, ProcessSpec.ForProgram(InstanceName, ProjectLocator.GetProgramPath(project.ProjectName), _environment));
        return Task.CompletedTask;
    }

    public override async Task CheckHealthAsync(RunContext context, CancellationToken cancellationToken)
    {
        await RunningAsHealthy();
        var check = project.AnnotationsOf<HttpHealthCheckAnnotation>().FirstOrDefault();
        if (check is null)
        {
            return;
        }

        var url = new Uri(new Uri(context.Endpoints.Url(project, check.EndpointName, Replica)), check.Path);
        using var response = await context.Http.GetAsync(url, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
