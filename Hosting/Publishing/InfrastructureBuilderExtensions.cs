using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using TraceApp.Hosting.Nats;
using TraceApp.Hosting.Postgres;

namespace TraceApp.Hosting.Publishing;

/// <summary>
/// TraceApp's broker and database, chosen by mode: local processes when the AppHost runs (no container runtime
/// is needed), containers in the published manifest (the official nats image; Aspire.Hosting.PostgreSQL), which
/// Aspire's deployment tools turn into Kubernetes or Compose resources.
/// </summary>
public static class InfrastructureBuilderExtensions
{
    /// <summary>nats-server with JetStream.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddNatsJetStream(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ExecutionContext.IsPublishMode
            ? builder.AddNatsContainer(name)
            : builder.AddNatsServer(name).WithJetStream();
    }

    /// <summary>Database <paramref name="databaseName"/> in PostgreSQL server <paramref name="serverName"/>.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresDatabase(
        this IDistributedApplicationBuilder builder, string serverName, string databaseName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ExecutionContext.IsPublishMode
            ? builder.AddPostgres(serverName).WithDataVolume().AddDatabase(databaseName)
            : builder.AddLocalPostgres(serverName).AddDatabase(databaseName);
    }
}
