using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TraceApp.Hosting.Health;

/// <summary>Health of a resource with replicas (<c>WithReplicas</c>), where each instance has its own id ("worker-abcd").</summary>
public static class ReplicaHealth
{
    /// <summary>
    /// Waits until every instance of <paramref name="resource"/> is healthy and returns their ids.
    /// <c>WaitForResourceHealthyAsync(name)</c> matches on the resource's name, so with replicas it returns as soon as
    /// the first instance is healthy.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WaitForEveryReplicaHealthyAsync(
        this ResourceNotificationService notifications, IResource resource, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(resource);
        var replicas = resource.GetReplicaCount();
        if (replicas <= 1)
        {
            return [(await notifications.WaitForResourceHealthyAsync(resource.Name, ct)).ResourceId];
        }

        var healthy = new List<string>();
        await foreach (var e in notifications.WatchAsync(ct))
        {
            // The instances' ids are "<name>-<suffix>"; an event of the parent itself is not an instance.
            if (e.Resource == resource && e.ResourceId != resource.Name && e.Snapshot.HealthStatus == HealthStatus.Healthy
                && !healthy.Contains(e.ResourceId))
            {
                healthy.Add(e.ResourceId);
                if (healthy.Count == replicas)
                {
                    return healthy;
                }
            }
        }

        throw new OperationCanceledException(ct);
    }
}
