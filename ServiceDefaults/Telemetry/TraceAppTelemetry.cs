namespace TraceApp.ServiceDefaults.Telemetry;

/// <summary>
/// The ActivitySource and Meter names TraceApp listens to. Each program and library owns exactly one
/// ActivitySource named <c>TraceApp.&lt;Project&gt;</c> (TraceApp.Api, TraceApp.Worker, TraceApp.WorkflowServer,
/// TraceApp.Cli, TraceApp.Messaging, TraceApp.Grpc, TraceApp.Workflows, TraceApp.Hosting); the wildcard below
/// picks up every one of them, plus the sources .NET and Npgsql emit natively.
/// </summary>
public static class TraceAppTelemetry
{
    public const string SourceWildcard = "TraceApp.*";

    public static readonly string[] TraceSources = [SourceWildcard, "Microsoft.AspNetCore", "System.Net.Http", "Npgsql"];

    public static readonly string[] Meters =
    [
        SourceWildcard,
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing",
        "System.Net.Http",
        "System.Runtime",
    ];

    /// <summary>Paths that are probed constantly and would drown real traces.</summary>
    public static readonly string[] UntracedPaths = ["/health", "/alive"];
}
