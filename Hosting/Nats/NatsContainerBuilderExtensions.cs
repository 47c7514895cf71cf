using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace TraceApp.Hosting.Nats;

public static class NatsContainerBuilderExtensions
{
    public const string Image = "library/nats";
    public const string Tag = "2.10";
    public const string Registry = "docker.io";

    /// <summary>
    /// The official nats image with JetStream on (<c>-js</c>, store in the <c>/data</c> volume), client port 4222
    /// and monitoring port 8222; the password is a generated secret parameter (<c>{name}-password</c>).
    /// </summary>
    public static IResourceBuilder<NatsContainerResource> AddNatsContainer(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var nats = new NatsContainerResource(name, password);
        return builder.AddResource(nats)
            .WithImage(Image, Tag)
            .WithImageRegistry(Registry)
            .WithEndpoint(targetPort: 4222, name: NatsContainerResource.PrimaryEndpointName, scheme: "tcp")
            .WithHttpEndpoint(targetPort: 8222, name: NatsContainerResource.MonitoringEndpointName)
            .WithArgs(context =>
            {
                context.Args.Add("--user");
                context.Args.Add(NatsServerResource.DefaultUserName);
                context.Args.Add("--pass");
                context.Args.Add(nats.PasswordParameter);
                context.Args.Add("-m");
                context.Args.Add("8222");
                context.Args.Add("-js");
                context.Args.Add("-sd");
                context.Args.Add("/data");
            })
            .WithVolume($"{name}-data", "/data");
    }
}
