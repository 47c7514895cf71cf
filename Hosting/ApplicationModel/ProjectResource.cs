namespace TraceApp.Hosting.ApplicationModel;

/// <summary>A .NET project of this repository, run from its build output.</summary>
public sealed class ProjectResource(string name, string projectName)
{
    public string Name { get; } = name;

    /// <summary>The project folder name (Api, Worker…).</summary>
    public string ProjectName { get; } = projectName;

    public List<EndpointAnnotation> Endpoints { get; } = [];

    public List<ProjectResource> References { get; } = [];

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);
}
