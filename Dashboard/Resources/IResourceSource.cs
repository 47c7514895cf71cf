namespace TraceApp.Dashboard.Resources;

/// <summary>
/// Resources as the host that started them sees them (state, health, endpoints, environment, console output) and
/// the commands it accepts. The AppHost supplies one; a standalone dashboard has none and derives its resource
/// list from the telemetry it receives.
/// </summary>
public interface IResourceSource
{
    IReadOnlyList<ResourceView> Current { get; }

    /// <summary>Every change to any resource, as it happens (the current list first).</summary>
    IAsyncEnumerable<ResourceView> WatchAsync(CancellationToken cancellationToken);

    /// <summary>The console output kept for one instance, oldest first.</summary>
    IReadOnlyList<string> ConsoleLog(string instanceName);

    /// <summary>New console lines of one instance, after <paramref name="afterLine"/> lines, as they arrive.</summary>
    IAsyncEnumerable<string> WatchConsoleLogAsync(string instanceName, int afterLine, CancellationToken cancellationToken);

    Task ExecuteAsync(string instanceName, ResourceCommand command, CancellationToken cancellationToken);
}

public enum ResourceCommand
{
    Stop,
    Start,
    Restart,
}

/// <summary>One resource instance as the pages show it; environment values of secrets are already masked.</summary>
public sealed record ResourceView(
    string ResourceName,
    string InstanceName,
    string Type,
    string State,
    string Health,
    IReadOnlyList<string> Endpoints,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    int? ProcessId,
    int? ExitCode,
    IReadOnlyList<ResourceCommand> Commands);
