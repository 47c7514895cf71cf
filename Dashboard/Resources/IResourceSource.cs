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

    /// <summary>The console output kept for one instance, oldest first, and how many lines it has written in all.</summary>
    ConsoleLogSnapshot ConsoleLog(string instanceName);

    /// <summary>Console lines of one instance after the first <paramref name="position"/> it wrote, as they arrive.</summary>
    IAsyncEnumerable<string> WatchConsoleLogAsync(string instanceName, long position, CancellationToken cancellationToken);

    Task ExecuteAsync(string instanceName, ResourceCommand command, CancellationToken cancellationToken);
}

/// <summary>Kept lines, oldest first; <see cref="Position"/> counts every line ever written, dropped ones too.</summary>
public sealed record ConsoleLogSnapshot(IReadOnlyList<string> Lines, long Position);

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
