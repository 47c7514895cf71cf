using Grpc.Core;
using NATS.Client.Core;
using TraceApp.Jobs.Store;

namespace TraceApp.Api.Infrastructure;

/// <summary>
/// Names the dependency an exception says is unavailable — "database", "message bus" or "workflow server" — or null
/// for any other failure.
/// </summary>
internal static class DependencyFailure
{
    public static string? Describe(Exception exception) => exception switch
    {
        _ when StoreUnavailable.Is(exception) => "database",
        NatsException => "message bus",
        RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded } => "workflow server",
        _ => null,
    };
}
