namespace TraceApp.Hosting.ApplicationModel;

/// <summary>A .NET project of this repository, run from its build output as <c>dotnet &lt;dll&gt;</c>.</summary>
public sealed class ProjectResource(string name, string projectName) : Resource(name)
{
    /// <summary>The project folder name (Api, Worker…).</summary>
    public string ProjectName { get; } = projectName;

    public int Replicas { get; set; } = 1;
}
