using TraceApp.Hosting.ApplicationModel;

namespace TraceApp.Hosting;

public static class ProjectBuilderExtensions
{
    /// <summary>Adds the project in folder <paramref name="projectName"/> (built to artifacts/bin) as <paramref name="name"/>.</summary>
    public static ResourceBuilder<ProjectResource> AddProject(this DistributedApplicationBuilder builder, string name, string projectName) =>
        builder.AddResource(new ProjectResource(name, projectName));

    /// <summary>Runs <paramref name="replicas"/> instances, each with its own <c>service.instance.id</c> and ports.</summary>
    public static ResourceBuilder<ProjectResource> WithReplicas(this ResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replicas = replicas;
        return builder;
    }

    public static ResourceBuilder<ExecutableResource> AddExecutable(
        this DistributedApplicationBuilder builder, string name, string command, string? workingDirectory, params string[] args) =>
        builder.AddResource(new ExecutableResource(name, command, args, workingDirectory));
}
