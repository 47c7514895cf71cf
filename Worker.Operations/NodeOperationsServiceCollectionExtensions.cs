using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TraceApp.Worker.Operations;

public static class NodeOperationsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the node.* and network.* operations (each as itself and as an <see cref="IJobOperation"/>), the
    /// <see cref="JobOperationRegistry"/> that finds them by name, and the reader of the real system files.
    /// </summary>
    public static IServiceCollection AddNodeOperations(this IServiceCollection services)
    {
        services.TryAddSingleton<INodeFileReader, NodeFileReader>();
        services.TryAddSingleton<JobOperationRegistry>();

        AddOperation<HostnameOperation>(services);
        AddOperation<StatusOperation>(services);
        AddOperation<UptimeOperation>(services);
        AddOperation<OsOperation>(services);
        AddOperation<DiskOperation>(services);
        AddOperation<MemoryOperation>(services);
        AddOperation<LoadOperation>(services);
        AddOperation<PingOperation>(services);
        AddOperation<DnsOperation>(services);
        return services;
    }

    private static void AddOperation<TOperation>(IServiceCollection services)
        where TOperation : class, IJobOperation
    {
        if (services.Any(service => service.ServiceType == typeof(TOperation)))
        {
            return;
        }

        services.AddSingleton<TOperation>();
        services.AddSingleton<IJobOperation>(provider => provider.GetRequiredService<TOperation>());
    }
}
