using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TraceApp.Grpc.Client;

public static class GrpcClientExtensions
{
    /// <summary>Registers the process's shared <see cref="GrpcChannels"/> (one channel per target address).</summary>
    public static IServiceCollection AddGrpcChannels(this IServiceCollection services)
    {
        services.TryAddSingleton<GrpcChannels>();
        return services;
    }
}
