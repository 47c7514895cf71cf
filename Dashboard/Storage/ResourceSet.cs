namespace TraceApp.Dashboard.Storage;

/// <summary>The resources a filter names; membership by reference, since each resource exists once.</summary>
internal static class ResourceSet
{
    public static bool Contains(ReadOnlySpan<TelemetryResource> resources, TelemetryResource resource)
    {
        foreach (var candidate in resources)
        {
            if (ReferenceEquals(candidate, resource))
            {
                return true;
            }
        }

        return false;
    }
}
