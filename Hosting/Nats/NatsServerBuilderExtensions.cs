using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using TraceApp.Hosting.Health;

namespace TraceApp.Hosting.Nats;

/// <summary>nats-server as a local process, in the shape of Aspire.Hosting.Nats (which needs a container runtime).</summary>
public static class NatsServerBuilderExtensions
{
    /// <summary>
    /// Adds nats-server (Debian package <c>nats-server</c>) listening on 127.0.0.1: clients on <paramref name="port"/>
    /// (a free one when null), <c>/healthz</c> on a monitoring port for the health check <c>WaitFor</c> waits on. The
    /// password is a generated secret parameter (<c>{name}-password</c>), kept in the AppHost's user secrets.
    /// </summary>
    public static IResourceBuilder<NatsServerResource> AddNatsServer(
        this IDistributedApplicationBuilder builder,
        string name,
        int? port = null,
        IResourceBuilder<ParameterResource>? userName = null,
        IResourceBuilder<ParameterResource>? password = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var secret = password?.Resource
            ?? ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var directory = TraceAppData.DirectoryFor(builder, name);
        var nats = new NatsServerResource(name, NatsBinary.Find(), directory, userName?.Resource, secret);

        return builder.AddResource(nats)
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: NatsServerResource.PrimaryEndpointName, isProxied: false)
            .WithEndpoint(scheme: "http", name: NatsServerResource.MonitoringEndpointName, isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add("-a");
                context.Args.Add("127.0.0.1");
                context.Args.Add("-p");
                context.Args.Add(nats.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("-m");
                context.Args.Add(nats.MonitoringEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("-c");
                context.Args.Add(Path.Combine(directory, "auth.conf"));
                if (nats.JetStreamDirectory is { } store)
                {
                    context.Args.Add("-js");
                    context.Args.Add("-sd");
                    context.Args.Add(store);
                }
            })
            .OnBeforeResourceStarted(async (resource, _, ct) => NatsAuthorizationFile.Write(
                directory,
                await resource.UserNameReference.GetValueAsync(ct) ?? NatsServerResource.DefaultUserName,
                await resource.PasswordParameter.GetValueAsync(ct) ?? ""))
            .WithHttpReadinessCheck("/healthz", NatsServerResource.MonitoringEndpointName);
    }

    /// <summary>Turns on JetStream, storing streams under the resource's data folder.</summary>
    public static IResourceBuilder<NatsServerResource> WithJetStream(this IResourceBuilder<NatsServerResource> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.JetStreamDirectory = Path.Combine(builder.Resource.WorkingDirectory, "jetstream");
        return builder;
    }
}
