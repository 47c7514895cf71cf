namespace TraceApp.Hosting.ApplicationModel;

/// <summary>Fluent configuration of a <see cref="ProjectResource"/>, named as in Aspire.</summary>
public sealed class ProjectResourceBuilder(ProjectResource resource)
{
    public ProjectResource Resource { get; } = resource;

    public ProjectResourceBuilder WithHttpEndpoint(int port, string name = "http", string? urlVariable = null)
    {
        if (Resource.Endpoints.Any(e => e.Name == name))
        {
            throw new InvalidOperationException($"Resource '{Resource.Name}' already has an endpoint named '{name}'.");
        }

        Resource.Endpoints.Add(new EndpointAnnotation(name, port, urlVariable));
        return this;
    }

    /// <summary>Lets this project call <paramref name="other"/> by name (<c>http://other</c>) through service discovery.</summary>
    public ProjectResourceBuilder WithReference(ProjectResourceBuilder other)
    {
        Resource.References.Add(other.Resource);
        return this;
    }

    public ProjectResourceBuilder WithEnvironment(string name, string value)
    {
        Resource.Environment[name] = value;
        return this;
    }
}
