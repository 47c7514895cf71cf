using System.Collections.Frozen;
using System.Text.Json;

namespace TraceApp.Jobs.Contracts;

/// <summary>The operations workers run. Every one of them is a query today; the kind stays explicit per operation.</summary>
public static class JobOperations
{
    public static readonly JobOperation NodeHostname = new("node.hostname", JobKind.Query, JobParams.None);
    public static readonly JobOperation NodeStatus = new("node.status", JobKind.Query, JobParams.None);
    public static readonly JobOperation NodeUptime = new("node.uptime", JobKind.Query, JobParams.None);
    public static readonly JobOperation NodeOs = new("node.os", JobKind.Query, JobParams.None);
    public static readonly JobOperation NodeDisk = new("node.disk", JobKind.Query, JobParams.None);
    public static readonly JobOperation NodeMemory = new("node.memory", JobKind.Query, JobParams.None);
    public static readonly JobOperation NodeLoad = new("node.load", JobKind.Query, JobParams.None);
    public static readonly JobOperation NetworkPing = new("network.ping", JobKind.Query, JobParams.Ping);
    public static readonly JobOperation NetworkDns = new("network.dns", JobKind.Query, JobParams.None);

    public static IReadOnlyList<JobOperation> All { get; } =
        [NodeHostname, NodeStatus, NodeUptime, NodeOs, NodeDisk, NodeMemory, NodeLoad, NetworkPing, NetworkDns];

    private static readonly FrozenDictionary<string, JobOperation> ByName = All.ToFrozenDictionary(o => o.Name, StringComparer.Ordinal);

    public static bool TryFind(string? name, out JobOperation operation)
    {
        if (name is not null && ByName.TryGetValue(name, out var found))
        {
            operation = found;
            return true;
        }

        operation = null!;
        return false;
    }

    /// <summary>
    /// Field errors for a job request (operation, target and params), keyed like ValidationProblemDetails
    /// (<c>operation</c>, <c>target</c>, <c>params.host</c>, …); empty when the request is valid.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Validate(string? operation, string? target, JsonElement? parameters)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!TryFind(operation, out var found))
        {
            errors["operation"] = [$"Unknown operation '{operation}'. Known: {string.Join(", ", All.Select(o => o.Name))}."];
        }
        else
        {
            foreach (var (field, messages) in found.ValidateParams(parameters))
            {
                errors[field] = messages;
            }
        }

        if (!JobTarget.TryParse(target, out _, out var targetError))
        {
            errors["target"] = [targetError];
        }

        return errors;
    }
}
