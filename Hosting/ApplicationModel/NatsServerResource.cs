namespace TraceApp.Hosting.ApplicationModel;

/// <summary>Debian's nats-server on 127.0.0.1 with a generated user and password.</summary>
public sealed class NatsServerResource(string name, string user, string password) : Resource(name), IResourceWithConnectionString
{
    public const string ClientEndpoint = "tcp";
    public const string MonitoringEndpoint = "monitoring";

    public string User { get; } = user;

    public string Password { get; } = password;

    public bool JetStream { get; set; }

    public string GetConnectionString(AllocatedEndpoints endpoints) =>
        $"nats://{Uri.EscapeDataString(User)}:{Uri.EscapeDataString(Password)}@127.0.0.1:{endpoints.Port(this, ClientEndpoint)}";
}
