namespace TraceApp.Hosting.Servers;

/// <summary>
/// How to run nats-server: client and monitoring ports on 127.0.0.1, the one user allowed to connect, and
/// the JetStream store directory (null runs without JetStream).
/// </summary>
public sealed record NatsServerSettings(int Port, int MonitoringPort, string User, string Password, string? JetStreamDirectory);
