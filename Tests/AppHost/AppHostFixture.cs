using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TraceApp.Cli.Dashboard;
using TraceApp.Hosting.Health;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.AppHost;

/// <summary>
/// The real AppHost (<c>Projects.AppHost</c>) started once for the <see cref="AppHostCollection"/> through
/// Aspire.Hosting.Testing: DCP, the Aspire dashboard (on, with an API key and browser token the tests chose),
/// nats-server, PostgreSQL and the programs, on random ports, with throw-away data in a temporary folder.
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The resources with a health check that start with the AppHost (cli starts only on request).</summary>
    public static readonly string[] HealthCheckedResources = ["nats", "postgres", "traceapp", "workflowserver", "api", "worker"];

    /// <summary>How many Worker replicas the collection runs (<c>TraceApp:WorkerReplicas</c>).</summary>
    public const int WorkerReplicas = 3;

    /// <summary>A throw-away stand-in for the repository: the AppHost's data directory is its <c>.traceapp</c> folder.</summary>
    private readonly DirectoryInfo _workspace = Directory.CreateTempSubdirectory("traceapp-apphost-tests-");
    private DistributedApplication? _app;

    /// <summary>The folder whose <c>.traceapp/</c> holds the AppHost's data; the CLI run anywhere below it finds <see cref="CliConfigPath"/>.</summary>
    public string Workspace => _workspace.FullName;

    /// <summary>The <c>cli.json</c> the AppHost writes for the traceapp CLI.</summary>
    public string CliConfigPath => Path.Combine(DataDirectory, TraceApp.Hosting.Cli.CliConfigurationExtensions.FileName);

    private string DataDirectory => Path.Combine(_workspace.FullName, ".traceapp");

    public string DashboardApiKey { get; } = Secret();

    public string BrowserToken { get; } = Secret();

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The AppHost has not started.");

    /// <summary>The dashboard's base address (no login token).</summary>
    public Uri DashboardUrl { get; private set; } = null!;

    public DashboardTelemetry Telemetry { get; private set; } = null!;

    /// <summary>The Worker replicas' resource ids ("worker-abcd1234"), each healthy.</summary>
    public IReadOnlyList<string> WorkerInstances { get; private set; } = [];

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var ct = timeout.Token;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            new DistributedApplicationTestingBuilderOptions { EnableDashboard = true },
            [
                $"--TraceApp:DataDirectory={DataDirectory}",
                "--TraceApp:EphemeralData=true",
                // Given, so nothing is generated into (or read from) the developer's user secrets.
                $"--Parameters:nats-password={Secret()}",
                $"--Parameters:postgres-password={Secret()}",
                $"--Parameters:auth-signing-key={TestTokens.SigningKey}",
                $"--TraceApp:WorkerReplicas={WorkerReplicas}",
            ],
            ct);
        builder.Configuration["AppHost:DashboardApiKey"] = DashboardApiKey;
        builder.Configuration["AppHost:BrowserToken"] = BrowserToken;
        builder.Configuration["AppHost:OtlpApiKey"] = Secret();
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));

        _app = await builder.BuildAsync(ct);
        try
        {
            await _app.StartAsync(ct);
            var model = _app.Services.GetRequiredService<DistributedApplicationModel>();
            var instances = await Task.WhenAll(model.Resources
                .Where(r => HealthCheckedResources.Contains(r.Name))
                .Select(async r => (r.Name, Ids: await _app.ResourceNotifications.WaitForEveryReplicaHealthyAsync(r, ct))));
            WorkerInstances = instances.Single(i => i.Name == "worker").Ids;
            var login = await _app.GetDashboardUrlAsync(ct);
            DashboardUrl = new Uri(login.GetLeftPart(UriPartial.Authority));
        }
        catch (Exception e) when (e is OperationCanceledException or DistributedApplicationException)
        {
            throw new InvalidOperationException($"The AppHost did not become ready within {StartTimeout}: {e.Message}{Environment.NewLine}{DescribeResources()}", e);
        }

        Telemetry = new DashboardTelemetry(DashboardUrl, DashboardApiKey);
    }

    /// <summary>An HttpClient for the api resource that sends an admin token.</summary>
    public HttpClient CreateApiClient()
    {
        var client = App.CreateHttpClient("api");
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.Admin);
        return client;
    }

    /// <summary>Each resource's state and health now, for a failure message.</summary>
    private string DescribeResources() => string.Join(
        Environment.NewLine,
        HealthCheckedResources.Select(name => App.ResourceNotifications.TryGetCurrentState(name, out var e)
            ? $"  {name}: {e.Snapshot.State?.Text ?? "(no state)"}, health {e.Snapshot.HealthStatus?.ToString() ?? "unknown"}, exit code {e.Snapshot.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}"
            : $"  {name}: no state"));

    public async Task DisposeAsync()
    {
        Telemetry?.Dispose();
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            try
            {
                await _app.StopAsync(timeout.Token);
            }
            finally
            {
                await _app.DisposeAsync();
            }
        }

        try
        {
            _workspace.Delete(recursive: true);
        }
        catch (IOException)
        {
            // PostgreSQL may still be removing its socket lock; the temporary folder is left for the OS to clean.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Secret() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
