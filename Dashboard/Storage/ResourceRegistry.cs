using TraceApp.Dashboard.Otlp.Common;
using OtlpResource = TraceApp.Dashboard.Otlp.Resource.Resource;

namespace TraceApp.Dashboard.Storage;

/// <summary>
/// The resources and scopes telemetry has arrived from, each created once and shared by everything it sent.
/// A resource is keyed by <c>service.name</c> + <c>service.instance.id</c>; the attributes of its first export are kept.
/// </summary>
internal sealed class ResourceRegistry(AttributeReader reader)
{
    private const int MaxCachedScopes = 4_096;

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Name, string? InstanceId), Entry> _resources = [];
    private readonly Dictionary<(string Name, string Version), TelemetryScope> _scopes = [];

    public TelemetryResource GetOrAdd(OtlpResource? resource, TelemetrySignals signal)
    {
        var name = StringAttribute(resource, "service.name") ?? TelemetryResource.UnknownServiceName;
        var instanceId = StringAttribute(resource, "service.instance.id");
        lock (_lock)
        {
            if (!_resources.TryGetValue((name, instanceId), out var entry))
            {
                var attributes = resource is null ? [] : reader.Read(resource.Attributes);
                entry = new Entry(new TelemetryResource(reader.Identity(name), instanceId is null ? null : reader.Identity(instanceId), attributes));
                _resources.Add((name, instanceId), entry);
            }

            entry.Signals |= signal;
            return entry.Resource;
        }
    }

    public TelemetryScope GetScope(InstrumentationScope? scope)
    {
        if (scope is null || scope.Name.Length == 0 && scope.Version.Length == 0)
        {
            return TelemetryScope.Unknown;
        }

        lock (_lock)
        {
            if (_scopes.TryGetValue((scope.Name, scope.Version), out var known))
            {
                return known;
            }

            var created = new TelemetryScope(reader.Identity(scope.Name), scope.Version.Length == 0 ? null : reader.Identity(scope.Version));
            if (_scopes.Count < MaxCachedScopes)
            {
                _scopes.Add((scope.Name, scope.Version), created);
            }

            return created;
        }
    }

    /// <summary>The resources a filter names (by service name or id); empty when none matches.</summary>
    public TelemetryResource[] Find(string nameOrId)
    {
        lock (_lock)
        {
            return [.. _resources.Values.Select(e => e.Resource).Where(r => r.Matches(nameOrId))];
        }
    }

    public ResolvedAttributeFilter[] Resolve(IReadOnlyList<AttributeFilter> filters)
    {
        if (filters.Count == 0)
        {
            return [];
        }

        lock (_lock)
        {
            return
            [
                .. filters.Select(f => new ResolvedAttributeFilter(
                    f, [.. _resources.Values.Select(e => e.Resource).Where(r => f.IsMatch(r.Attributes))])),
            ];
        }
    }

    public IReadOnlyList<ResourceSummary> Summaries()
    {
        lock (_lock)
        {
            var instancesPerName = _resources.Values.CountBy(e => e.Resource.Name).ToDictionary();
            return
            [
                .. _resources.Values
                    .Select(e => new ResourceSummary(
                        e.Resource,
                        instancesPerName[e.Resource.Name] > 1 ? e.Resource.Id : e.Resource.Name,
                        e.Signals.HasFlag(TelemetrySignals.Traces),
                        e.Signals.HasFlag(TelemetrySignals.Logs),
                        e.Signals.HasFlag(TelemetrySignals.Metrics)))
                    .OrderBy(s => s.DisplayName, StringComparer.OrdinalIgnoreCase),
            ];
        }
    }

    private static string? StringAttribute(OtlpResource? resource, string key)
    {
        if (resource is null)
        {
            return null;
        }

        foreach (var attribute in resource.Attributes)
        {
            if (attribute.Key == key && attribute.Value is { ValueCase: AnyValue.ValueOneofCase.StringValue } value)
            {
                return value.StringValue.Length > 0 ? value.StringValue : null;
            }
        }

        return null;
    }

    private sealed class Entry(TelemetryResource resource)
    {
        public TelemetryResource Resource { get; } = resource;

        public TelemetrySignals Signals { get; set; }
    }
}
