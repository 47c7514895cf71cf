using System.ComponentModel;
using TraceApp.Auth;
using TraceApp.Jobs.Contracts;

namespace TraceApp.Api.Apis;

/// <summary>
/// <c>GET /node/hostname|status|uptime|os|disk|memory|load</c>: synchronous jobs (<see cref="SyncJobEndpoint"/>)
/// answered by the targeted worker(s) with what they read from their machine.
/// </summary>
public static class NodeApi
{
    private static readonly JobOperation[] Operations =
    [
        JobOperations.NodeHostname, JobOperations.NodeStatus, JobOperations.NodeUptime, JobOperations.NodeOs,
        JobOperations.NodeDisk, JobOperations.NodeMemory, JobOperations.NodeLoad,
    ];

    public static IEndpointRouteBuilder MapNodeApi(this IEndpointRouteBuilder app)
    {
        var node = app.MapGroup("/node").WithTags("Node").RequireAuthorization(Permissions.NodeRead);
        foreach (var operation in Operations)
        {
            var name = operation.Name["node.".Length..];
            node.MapGet("/" + name, (
                    [AsParameters] SyncJobServices services,
                    [Description(SyncJobEndpoint.TargetDescription)] string? target,
                    [Description(SyncJobEndpoint.TimeoutDescription)] string? timeout,
                    CancellationToken cancellationToken) =>
                    SyncJobEndpoint.RunAsync(operation, null, target, timeout, services, cancellationToken))
                .WithName("GetNode" + char.ToUpperInvariant(name[0]) + name[1..])
                .WithSummary($"Runs {operation.Name} on the target and waits for its result.")
                .WithSyncJobResponses();
        }

        return app;
    }
}
