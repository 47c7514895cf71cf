namespace TraceApp.Hosting;

/// <summary>
/// How a model is run. Run mode keeps fixed ports and persistent data under <c>.traceapp/</c>; test mode
/// (the testing builder) picks a free port for every endpoint and keeps data in a temporary directory.
/// </summary>
public sealed record DistributedApplicationOptions
{
    public string[] Args { get; init; } = [];

    /// <summary>Ignore fixed ports and allocate free ones everywhere.</summary>
    public bool RandomizePorts { get; init; }

    /// <summary>Where servers keep their data (one sub-directory per resource).</summary>
    public string DataDirectory { get; init; } = Path.Combine(Execution.ProjectLocator.RepositoryRoot, ".traceapp");

    /// <summary>Where every service sends OTLP; null = spans recorded for log correlation only.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary><c>grpc</c> or <c>http/protobuf</c>, as OTEL_EXPORTER_OTLP_PROTOCOL.</summary>
    public string OtlpProtocol { get; init; } = "grpc";

    /// <summary>Sent as <c>x-otlp-api-key</c> with every export when set.</summary>
    public string? OtlpApiKey { get; init; }

    /// <summary>
    /// Start the dashboard first and send it every service's telemetry (run mode); the testing builder turns it
    /// off unless a test asks for it, and uses its own receiver instead.
    /// </summary>
    public bool EnableDashboard { get; init; } = true;

    /// <summary>Trade durability for speed (PostgreSQL fsync off); for throw-away data only.</summary>
    public bool EphemeralData { get; init; }
}
