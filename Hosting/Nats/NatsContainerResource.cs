using Aspire.Hosting.ApplicationModel;

namespace TraceApp.Hosting.Nats;

/// <summary>
/// nats-server as the official <c>nats</c> container image: what the published manifest describes, for deployment
/// tools that turn it into Kubernetes or Compose resources. Same connection string shape as <see cref="NatsServerResource"/>.
/// </summary>
public sealed class NatsContainerResource(string name, ParameterResource password)
    : ContainerResource(name), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";
    internal const string MonitoringEndpointName = "monitoring";

    private EndpointReference? _primaryEndpoint;

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"nats://{NatsServerResource.DefaultUserName}:{PasswordParameter}@{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}
