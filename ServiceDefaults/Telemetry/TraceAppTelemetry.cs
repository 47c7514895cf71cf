namespace TraceApp.ServiceDefaults.Telemetry;

/// <summary>
/// The ActivitySource and Meter names TraceApp listens to besides the instrumentation packages' own. Each program
/// and library owns exactly one ActivitySource named <c>TraceApp.&lt;Project&gt;</c> (TraceApp.Api, TraceApp.Worker,
/// TraceApp.WorkflowServer, TraceApp.Cli, TraceApp.Workflows…); the wildcard picks up every one of them.
/// </summary>
public static class TraceAppTelemetry
{
    public const string SourceWildcard = "TraceApp.*";

    /// <summary>Paths that are probed constantly and would drown real traces.</summary>
    public static readonly string[] UntracedPaths = ["/health", "/alive"];
}
