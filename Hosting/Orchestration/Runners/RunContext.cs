using TraceApp.Hosting.ApplicationModel;

namespace TraceApp.Hosting.Orchestration.Runners;

/// <summary>What every runner needs from the run: ports, options, output echo, orphan protection, HTTP.</summary>
public sealed record RunContext(
    AllocatedEndpoints Endpoints,
    DistributedApplicationOptions Options,
    Action<string, string, bool>? Echo,
    OrphanWatchdog Watchdog,
    HttpClient Http);
