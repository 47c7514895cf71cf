using Aspire.Hosting.ApplicationModel;

namespace TraceApp.Hosting.Nats;

/// <summary>
/// nats-server as a local process. Clients get <c>nats://user:password@host:port</c> as
/// <c>ConnectionStrings__{name}</c>; the monitoring endpoint serves <c>/healthz</c>.
/// </summary>
public sealed class NatsServerResource(
    string name, string command, string workingDirectory, ParameterResource? userName, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";
    internal const string MonitoringEndpointName = "monitoring";

    private EndpointReference? _primaryEndpoint;
    private EndpointReference? _monitoringEndpoint;

    public const string DefaultUserName = "traceapp";

    /// <summary>The user name parameter; null means <see cref="DefaultUserName"/>.</summary>
    public ParameterResource? UserNameParameter { get; } = userName;

    public ReferenceExpression UserNameReference => UserNameParameter is null
        ? ReferenceExpression.Create($"{DefaultUserName}")
        : ReferenceExpression.Create($"{UserNameParameter}");

    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>The JetStream store directory; null runs without JetStream.</summary>
    public string? JetStreamDirectory { get; internal set; }

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    public EndpointReference MonitoringEndpoint => _monitoringEndpoint ??= new(this, MonitoringEndpointName);

    /// <remarks>The generated credentials are letters and digits, so they need no escaping in the URL.</remarks>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"nats://{UserNameReference}:{PasswordParameter}@{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}
