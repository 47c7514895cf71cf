using System.Collections.Immutable;

namespace TraceApp.Dashboard.Storage;

/// <summary>
/// An attribute filter with the resources that carry the attribute worked out once per query, so an item's
/// resource is checked by reference instead of by searching the resource's attributes again for every item.
/// </summary>
internal readonly record struct ResolvedAttributeFilter(AttributeFilter Filter, TelemetryResource[] ResourcesWithIt)
{
    public int Hash { get; } = AttributeBloom.Hash(Filter.Key, Filter.Value);

    public bool IsMatch(ImmutableArray<KeyValuePair<string, string>> attributes, TelemetryResource resource) =>
        ResourceSet.Contains(ResourcesWithIt, resource) || Filter.IsMatch(attributes);
}
