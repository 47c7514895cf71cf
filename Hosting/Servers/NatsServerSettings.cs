namespace TraceApp.Hosting.Servers;

/// <summary>
/// How to run nats-server: client and monitoring ports on 127.0.0.1, the one user allowed to connect, and
/// the JetStream store directory (null runs without JetStream).
/// </summary>
/// <summary>One nats-server; with <paramref name="ClusterPort"/> it joins a cluster whose other nodes listen on <paramref name="RoutePorts"/>.</summary>
public sealed record NatsServerSettings(
    int Port, int MonitoringPort, string User, string Password, string? JetStreamDirectory,
    int? ClusterPort = null, IReadOnlyList<int>? RoutePorts = null);
