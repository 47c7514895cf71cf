namespace TraceApp.Messaging;

/// <summary>
/// The NATS client's settings, as Aspire.NATS.Net has them: bound from the <c>Aspire:Nats:Client</c> configuration
/// section, then <c>ConnectionStrings:&lt;name&gt;</c> (which wins), then the code's own <c>configureSettings</c>.
/// </summary>
public sealed class NatsClientSettings
{
    /// <summary>The configuration section the settings are bound from.</summary>
    public const string DefaultConfigSectionName = "Aspire:Nats:Client";

    /// <summary>
    /// One or more comma-separated <c>nats://[user:password@|token@]host:port</c> URLs (what the AppHost sets as
    /// <c>ConnectionStrings__nats</c>).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Leaves out the NATS health check (a PING round trip) from <c>/health</c>.</summary>
    public bool DisableHealthChecks { get; set; }

    /// <summary>Leaves NATS.Net's <c>&lt;subject&gt; publish</c>/<c>receive</c> spans out of OpenTelemetry.</summary>
    public bool DisableTracing { get; set; }

    /// <summary>
    /// Subject patterns (<c>*</c>, <c>&gt;</c>) whose publish and receive NATS.Net does not trace (and so sends
    /// without trace headers): internal chatter that would otherwise add spans to, or start, traces.
    /// </summary>
    public IReadOnlyList<string> UntracedSubjects { get; set; } = [];

    /// <summary>Leaves NATS.Net's messaging metrics out of OpenTelemetry.</summary>
    public bool DisableMetrics { get; set; }

    /// <summary>How long the health check waits for the PING round trip before reporting unhealthy.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
