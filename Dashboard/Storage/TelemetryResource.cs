using System.Collections.Immutable;

namespace TraceApp.Dashboard.Storage;

/// <summary>
/// A process that sends telemetry, identified by <c>service.name</c> and <c>service.instance.id</c>. One instance is
/// shared by every span, log record and instrument it sent.
/// </summary>
public sealed record TelemetryResource(string Name, string? InstanceId, ImmutableArray<KeyValuePair<string, string>> Attributes)
{
    public const string UnknownServiceName = "unknown_service";

    /// <summary>Unique among resources: the name, followed by the instance id when there is one.</summary>
    public string Id => InstanceId is null ? Name : $"{Name}-{InstanceId}";

    /// <summary>A filter names a resource by its service name (every instance) or by its <see cref="Id"/> (one instance).</summary>
    public bool Matches(string nameOrId) =>
        string.Equals(Name, nameOrId, StringComparison.OrdinalIgnoreCase) || string.Equals(Id, nameOrId, StringComparison.OrdinalIgnoreCase);

    public string? Attribute(string key) => TelemetryAttributes.Find(Attributes, key);
}
