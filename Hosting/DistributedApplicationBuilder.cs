using TraceApp.Hosting.ApplicationModel;

namespace TraceApp.Hosting;

/// <summary>Builds the application model, as Aspire's <c>IDistributedApplicationBuilder</c> does.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<ProjectResource> _projects = [];

    internal DistributedApplicationBuilder(string[] args) => Args = args;

    public string[] Args { get; }

    public IReadOnlyList<ProjectResource> Projects => _projects;

    /// <summary>Adds the project in folder <paramref name="projectName"/> under the resource name <paramref name="name"/>.</summary>
    public ProjectResourceBuilder AddProject(string name, string projectName)
    {
        if (_projects.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{name}' already exists.");
        }

        var project = new ProjectResource(name, projectName);
        _projects.Add(project);
        return new ProjectResourceBuilder(project);
    }

    public DistributedApplication Build() => new(_projects);
}
