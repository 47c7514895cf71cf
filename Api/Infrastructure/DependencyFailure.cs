using NATS.Client.Core;
using TraceApp.Jobs.Store;

namespace TraceApp.Api.Infrastructure;

/// <summary>Names the dependency an exception says is unavailable — "database" or "message bus" — or null for any other failure.</summary>
internal static class DependencyFailure
{
    public static string? Describe(Exception exception) => exception switch
    {
        _ when StoreUnavailable.Is(exception) => "database",
        NatsException => "message bus",
        _ => null,
    };
}
