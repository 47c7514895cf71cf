using TraceApp.Dashboard.Storage;

namespace TraceApp.Dashboard.Components.Shared;

/// <summary>
/// How the pages name a resource: its service name, or its resource id when several instances share that name
/// (replicas), as the store's <see cref="ResourceSummary.DisplayName"/> says.
/// </summary>
public sealed class ResourceDisplayNames(IReadOnlyList<ResourceSummary> resources)
{
    public static readonly ResourceDisplayNames Empty = new([]);

    private readonly Dictionary<TelemetryResource, string> _names = resources.ToDictionary(r => r.Resource, r => r.DisplayName);

    public IReadOnlyList<ResourceSummary> Resources { get; } = resources;

    public string this[TelemetryResource resource] => _names.GetValueOrDefault(resource) ?? resource.Name;
}
