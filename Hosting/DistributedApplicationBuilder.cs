using TraceApp.Hosting.ApplicationModel;

namespace TraceApp.Hosting;

/// <summary>Builds the application model, as Aspire's <c>IDistributedApplicationBuilder</c> does.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

    internal DistributedApplicationBuilder(DistributedApplicationOptions options) => Options = options;

    public DistributedApplicationOptions Options { get; }

    public IReadOnlyList<Resource> Resources => _resources;

    public ResourceBuilder<T> AddResource<T>(T resource) where T : Resource
    {
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    /// <summary>Validates the model (see <see cref="ModelValidator"/>) and returns the runnable application.</summary>
    public DistributedApplication Build()
    {
        ModelValidator.Validate(_resources);
        return new DistributedApplication(_resources, Options);
    }
}
