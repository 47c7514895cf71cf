using TraceApp.Hosting.ApplicationModel;
using TraceApp.Hosting.Orchestration.Runners;

namespace TraceApp.Hosting.Orchestration;

/// <summary>
/// Runs a validated model: every instance waits for its dependencies to be healthy, starts, and is watched for
/// health and exit; stopping goes in reverse dependency order, gracefully, then by force after a grace period.
/// </summary>
internal sealed class Orchestrator(
    IReadOnlyList<Resource> resources,
    ResourceNotificationService notifications,
    Action<string, string, bool>? echo) : IAsyncDisposable
{
    private static readonly TimeSpan HealthProbeTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StartingProbeInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RunningProbeInterval = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _monitorsLock = new();
    private readonly List<Task> _monitors = [];
    private readonly HashSet<string> _stoppedOnRequest = [];
    private readonly HttpClient _http = new() { Timeout = HealthProbeTimeout };
    private List<ResourceRunner> _runners = [];
    private OrphanWatchdog? _watchdog;
    private RunContext? _context;

    public AllocatedEndpoints Endpoints => _context?.Endpoints ?? throw new InvalidOperationException("The application is not started.");

    public IReadOnlyList<ResourceRunner> Runners => _runners;

    /// <summary>Checks prerequisites and ports, then launches every instance's lifecycle; returns at once.</summary>
    public void Start(DistributedApplicationOptions options)
    {
        _runners = RunnerFactory.Create(resources);
        foreach (var runner in _runners)
        {
            runner.CheckPrerequisites();
        }

        var endpoints = PortAllocator.Allocate(resources, options.RandomizePorts);
        _watchdog = new OrphanWatchdog();
        _context = new RunContext(endpoints, options, echo, _watchdog, _http);
        foreach (var runner in _runners)
        {
            notifications.Publish(new ResourceSnapshot(
                runner.Resource.Name, runner.InstanceName, TypeName(runner.Resource),
                ResourceState.NotStarted, ResourceHealth.Unknown, runner.Urls(_context)));
        }

        foreach (var runner in _runners)
        {
            Launch(runner);
        }
    }

    /// <summary>Whether an instance can be stopped and started on request: the programs, not the servers they use.</summary>
    public static bool AcceptsCommands(ResourceRunner runner) => runner.Resource is ProjectResource or ExecutableResource;

    /// <summary>Stops one running instance (SIGTERM, then SIGKILL after <paramref name="grace"/>); it stays stopped.</summary>
    public async Task StopInstanceAsync(string instanceName, TimeSpan grace)
    {
        var runner = Commandable(instanceName);
        if (runner.Process is not { HasExited: false } process)
        {
            throw new InvalidOperationException($"{instanceName} is not running.");
        }

        lock (_monitorsLock)
        {
            _stoppedOnRequest.Add(instanceName);
        }

        await process.StopAsync(grace);
    }

    /// <summary>Starts a stopped or exited instance again, through the same lifecycle as at start-up.</summary>
    public void StartInstance(string instanceName)
    {
        var runner = Commandable(instanceName);
        if (runner.Process is { HasExited: false })
        {
            throw new InvalidOperationException($"{instanceName} is already running.");
        }

        lock (_monitorsLock)
        {
            _stoppedOnRequest.Remove(instanceName);
        }

        Update(instanceName, s => s with { State = ResourceState.NotStarted, ExitCode = null, Message = null, Health = ResourceHealth.Unknown });
        Launch(runner);
    }

    private ResourceRunner Commandable(string instanceName)
    {
        if (_context is null || _stopping.IsCancellationRequested)
        {
            throw new InvalidOperationException("The application is not running.");
        }

        var runner = _runners.FirstOrDefault(r => r.InstanceName == instanceName)
            ?? throw new InvalidOperationException($"There is no resource instance named {instanceName}.");
        return AcceptsCommands(runner) ? runner : throw new InvalidOperationException($"{instanceName} cannot be stopped or started on its own.");
    }

    private void Launch(ResourceRunner runner)
    {
        lock (_monitorsLock)
        {
            _monitors.Add(Task.Run(() => RunInstanceAsync(runner, _context!, _stopping.Token)));
        }
    }

    public async Task StopAsync(TimeSpan grace)
    {
        await _stopping.CancelAsync();
        foreach (var resource in StopOrder())
        {
            var processes = _runners.Where(r => r.Resource == resource && r.Process is not null).Select(r => r.Process!);
            await Task.WhenAll(processes.Select(p => p.StopAsync(grace)));
        }

        Task[] monitors;
        lock (_monitorsLock)
        {
            monitors = [.. _monitors];
        }

        await Task.WhenAll(monitors);
        _watchdog?.Dispose();
        _watchdog = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await StopAsync(TimeSpan.FromSeconds(10));
        }

        _http.Dispose();
        _stopping.Dispose();
    }

    private async Task RunInstanceAsync(ResourceRunner runner, RunContext context, CancellationToken stopping)
    {
        var name = runner.InstanceName;
        try
        {
            var dependencies = ModelValidator.Dependencies(runner.Resource).ToList();
            if (dependencies.Count > 0)
            {
                Update(name, s => s with { State = ResourceState.Waiting });
                foreach (var dependency in dependencies)
                {
                    var states = await notifications.WaitForAsync(dependency.Name, s => s.IsHealthy || s.IsFinished, stopping);
                    if (states.Any(s => s.IsFinished))
                    {
                        Update(name, s => s with { State = ResourceState.FailedToStart, Message = $"{dependency.Name} is not running." });
                        return;
                    }
                }
            }

            Update(name, s => s with { State = ResourceState.Starting });
            await runner.StartAsync(context, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception)
        {
            Update(name, s => s with { State = ResourceState.FailedToStart, Message = exception.Message });
            echo?.Invoke(name, $"failed to start: {exception.Message}", true);
            return;
        }

        Update(name, s => s with { State = ResourceState.Running, ProcessId = runner.Process?.Id, Environment = runner.Environment });
        if (runner.Process is { } process)
        {
            _ = process.Exited.ContinueWith(exited => OnExited(runner, exited.Result, stopping), TaskScheduler.Default);
        }

        await MonitorHealthAsync(runner, context, stopping);
    }

    private async Task MonitorHealthAsync(ResourceRunner runner, RunContext context, CancellationToken stopping)
    {
        var healthy = false;
        while (!stopping.IsCancellationRequested && runner.Process is not { HasExited: true })
        {
            var health = ResourceHealth.Healthy;
            string? reason = null;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                timeout.CancelAfter(HealthProbeTimeout);
                await runner.CheckHealthAsync(context, timeout.Token);
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                health = ResourceHealth.Unhealthy;
                reason = exception.Message;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            healthy |= health == ResourceHealth.Healthy;
            Update(runner.InstanceName, s => s.State == ResourceState.Running && (s.Health != health || s.Message != reason)
                ? s with { Health = health, Message = reason }
                : s);
            try
            {
                await Task.Delay(healthy ? RunningProbeInterval : StartingProbeInterval, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void OnExited(ResourceRunner runner, int exitCode, CancellationToken stopping)
    {
        bool requested;
        lock (_monitorsLock)
        {
            requested = _stoppedOnRequest.Contains(runner.InstanceName);
        }

        Update(runner.InstanceName, s => s with
        {
            State = ResourceState.Exited, ExitCode = exitCode, Health = ResourceHealth.Unknown,
            Message = requested ? "Stopped on request." : s.Message,
        });
        if (!stopping.IsCancellationRequested && !requested && runner.Process is { } process)
        {
            echo?.Invoke(runner.InstanceName, $"exited unexpectedly with code {exitCode}; last output:{Environment.NewLine}{process.Tail()}", true);
        }
    }

    // The exit handler is attached after Running is published, so states only move forward.
    private void Update(string instanceName, Func<ResourceSnapshot, ResourceSnapshot> change) =>
        notifications.Update(instanceName, change);

    private static string TypeName(Resource resource) => resource switch
    {
        ProjectResource => "Project",
        ExecutableResource => "Executable",
        NatsServerResource => "NATS",
        PostgresServerResource => "PostgreSQL",
        PostgresDatabaseResource => "Database",
        _ => resource.GetType().Name,
    };

    /// <summary>Dependents before their dependencies: the reverse of a start order that honours every WaitFor.</summary>
    private List<Resource> StopOrder()
    {
        var order = new List<Resource>();
        var visited = new HashSet<Resource>();
        foreach (var resource in resources)
        {
            Visit(resource);
        }

        order.Reverse();
        return order;

        void Visit(Resource resource)
        {
            if (!visited.Add(resource))
            {
                return;
            }

            foreach (var dependency in ModelValidator.Dependencies(resource))
            {
                Visit(dependency);
            }

            order.Add(resource);
        }
    }
}
