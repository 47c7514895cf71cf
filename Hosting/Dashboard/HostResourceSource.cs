using System.Runtime.CompilerServices;
using TraceApp.Dashboard.Resources;
using TraceApp.Hosting.Orchestration;

namespace TraceApp.Hosting.Dashboard;

/// <summary>The dashboard's view of a running application: its resource snapshots, console output and commands.</summary>
internal sealed class HostResourceSource(DistributedApplication application) : IResourceSource
{
    public IReadOnlyList<ResourceView> Current =>
        [.. application.ResourceNotifications.Current.Select(View)];

    public async IAsyncEnumerable<ResourceView> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var snapshot in application.ResourceNotifications.WatchAsync(cancellationToken))
        {
            yield return View(snapshot);
        }
    }

    public ConsoleLogSnapshot ConsoleLog(string instanceName)
    {
        var (lines, position) = application.ConsoleLogs.Snapshot(instanceName);
        return new ConsoleLogSnapshot(lines, position);
    }

    public IAsyncEnumerable<string> WatchConsoleLogAsync(string instanceName, long position, CancellationToken cancellationToken) =>
        application.ConsoleLogs.WatchAsync(instanceName, position, cancellationToken);

    public async Task ExecuteAsync(string instanceName, ResourceCommand command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case ResourceCommand.Stop:
                await application.StopInstanceAsync(instanceName);
                break;
            case ResourceCommand.Start:
                application.StartInstance(instanceName);
                break;
            case ResourceCommand.Restart:
                if (application.ResourceNotifications.Current.Any(s => s.InstanceName == instanceName && s.State == ResourceState.Running))
                {
                    await application.StopInstanceAsync(instanceName);
                }

                application.StartInstance(instanceName);
                break;
            default:
                throw new InvalidOperationException($"Unknown command {command}.");
        }
    }

    private ResourceView View(ResourceSnapshot snapshot)
    {
        var runner = application.Instances.FirstOrDefault(r => r.InstanceName == snapshot.InstanceName);
        var commands = runner is null || !Orchestrator.AcceptsCommands(runner)
            ? []
            : snapshot.State is ResourceState.Running or ResourceState.Starting or ResourceState.Waiting
                ? new[] { ResourceCommand.Stop, ResourceCommand.Restart }
                : snapshot.State is ResourceState.Exited or ResourceState.FailedToStart ? [ResourceCommand.Start] : [];
        return new ResourceView(
            snapshot.ResourceName,
            snapshot.InstanceName,
            snapshot.ResourceType,
            snapshot.State.ToString(),
            snapshot.Health.ToString(),
            snapshot.Endpoints,
            [.. (snapshot.Environment ?? new Dictionary<string, string?>()).OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => KeyValuePair.Create(e.Key, SecretMasking.Mask(e.Key, e.Value)))],
            snapshot.ProcessId,
            snapshot.ExitCode,
            commands);
    }
}
