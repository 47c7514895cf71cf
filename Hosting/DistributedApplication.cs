using System.Runtime.InteropServices;
using TraceApp.Hosting.ApplicationModel;
using TraceApp.Hosting.Dashboard;
using TraceApp.Hosting.Orchestration;
using TraceApp.Hosting.Servers;

namespace TraceApp.Hosting;

/// <summary>
/// A built model, ready to run: <see cref="RunAsync"/> for the AppHost (until Ctrl+C/SIGTERM), or
/// <see cref="StartAsync"/>/<see cref="StopAsync"/> for tests. Resource states are published on
/// <see cref="ResourceNotifications"/>.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private readonly Orchestrator _orchestrator;

    internal DistributedApplication(IReadOnlyList<Resource> resources, DistributedApplicationOptions options)
    {
        Resources = resources;
        Options = options;
        _orchestrator = new Orchestrator(resources, ResourceNotifications, (name, text, isError) =>
        {
            ConsoleLogs.Append(name, text);
            Echo?.Invoke(name, text, isError);
        });
    }

    public IReadOnlyList<Resource> Resources { get; }

    /// <summary>How this run is configured; once started with a dashboard, its OTLP endpoint and key are in here.</summary>
    public DistributedApplicationOptions Options { get; private set; }

    /// <summary>The dashboard this run started (null when <see cref="DistributedApplicationOptions.EnableDashboard"/> is off).</summary>
    public DashboardHost? Dashboard { get; private set; }

    public ResourceNotificationService ResourceNotifications { get; } = new();

    /// <summary>Every output line of every instance, kept across restarts.</summary>
    public ResourceConsoleLogs ConsoleLogs { get; } = new();

    /// <summary>Receives every output line of every child (name, line, isError); set before starting.</summary>
    public Action<string, string, bool>? Echo { get; set; }

    /// <summary>Ports chosen for this run.</summary>
    public AllocatedEndpoints Endpoints => _orchestrator.Endpoints;

    /// <summary>The current instances with their processes (tests use the recorded process ids).</summary>
    public IReadOnlyList<Orchestration.Runners.ResourceRunner> Instances => _orchestrator.Runners;

    /// <summary>
    /// A builder in run mode. <c>--random-ports</c> ignores fixed ports and <c>--data-dir &lt;path&gt;</c> keeps server
    /// data elsewhere than <c>.traceapp/</c>: both let a second copy (or a test) run beside the first.
    /// </summary>
    public static DistributedApplicationBuilder CreateBuilder(string[] args)
    {
        var options = new DistributedApplicationOptions { Args = args, RandomizePorts = args.Contains("--random-ports") };
        var dataDir = Array.IndexOf(args, "--data-dir");
        if (dataDir >= 0)
        {
            options = options with
            {
                DataDirectory = Path.GetFullPath(args.ElementAtOrDefault(dataDir + 1)
                    ?? throw new ArgumentException("--data-dir needs a directory.", nameof(args))),
            };
        }

        return new DistributedApplicationBuilder(options);
    }

    public static DistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options) => new(options);

    /// <summary>
    /// Starts the dashboard (when enabled) so every service can send it telemetry, then checks prerequisites and
    /// ports and starts every resource in WaitFor order; returns once they are launched.
    /// </summary>
    public async Task StartAsync()
    {
        if (Options.EnableDashboard && Dashboard is null)
        {
            Dashboard = await DashboardHost.StartAsync(this, Options.RandomizePorts);
            Options = Options with { OtlpEndpoint = Dashboard.OtlpGrpcEndpoint, OtlpProtocol = "grpc", OtlpApiKey = Dashboard.ApiKey };
        }

        _orchestrator.Start(Options);
    }

    /// <summary>Stops every resource (dependents first), then the dashboard, which receives their last telemetry.</summary>
    public async Task StopAsync()
    {
        await _orchestrator.StopAsync(StopGrace);
        await StopDashboardAsync();
    }

    /// <summary>Stops one program instance (it stays stopped until <see cref="StartInstance"/>).</summary>
    public Task StopInstanceAsync(string instanceName) => _orchestrator.StopInstanceAsync(instanceName, StopGrace);

    /// <summary>Starts a stopped or exited program instance again.</summary>
    public void StartInstance(string instanceName) => _orchestrator.StartInstance(instanceName);

    public async ValueTask DisposeAsync()
    {
        await _orchestrator.DisposeAsync();
        await StopDashboardAsync();
    }

    public void Run() => RunAsync().GetAwaiter().GetResult();

    /// <summary>Starts everything, shows progress, and on Ctrl+C/SIGTERM stops everything.</summary>
    public async Task RunAsync()
    {
        using var stopping = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        var console = new ConsoleReporter(ResourceNotifications);
        Echo ??= console.Echo;
        try
        {
            await StartAsync();
        }
        catch (Exception exception) when (exception is InvalidOperationException or MissingPrerequisiteException or FileNotFoundException
            or IOException or TraceApp.Dashboard.Configuration.DashboardConfigurationException)
        {
            var hint = exception is IOException && exception.Message.Contains("address already in use", StringComparison.Ordinal)
                ? " Is another AppHost running? --random-ports runs this one on free ports."
                : "";
            await Console.Error.WriteLineAsync($"error: {exception.Message}{hint}");
            await StopDashboardAsync();
            Environment.ExitCode = 1;
            return;
        }

        if (Dashboard is { } dashboard)
        {
            console.DashboardLoginUrl = dashboard.LoginUrl;
            await Console.Out.WriteLineAsync($"Dashboard: {dashboard.LoginUrl}");
        }

        await console.ReportUntilCancelledAsync(stopping.Token);
        await Console.Out.WriteLineAsync("Stopping...");
        await StopAsync();
        await Console.Out.WriteLineAsync("Stopped.");

        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }
    }

    private async Task StopDashboardAsync()
    {
        if (Dashboard is { } dashboard)
        {
            Dashboard = null;
            await dashboard.DisposeAsync();
        }
    }
}
