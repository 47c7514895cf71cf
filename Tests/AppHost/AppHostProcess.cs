using System.Collections;
using System.Security.Cryptography;
using TraceApp.Hosting;
using TraceApp.Tests.Infrastructure;
using TraceApp.Tests.Infrastructure.Processes;

namespace TraceApp.Tests.AppHost;

/// <summary>
/// The built AppHost run as a person runs it (<c>TraceApp.AppHost</c> with the http launch profile's settings), but
/// on ports the OS picks (<c>DcpPublisher:RandomizePorts</c>, which also moves the dashboard) and with throw-away
/// data, so it never collides with a developer's running TraceApp. It leads its own session and process group, like
/// a command a terminal runs, and carries a marker variable that every process it starts inherits.
/// </summary>
internal sealed class AppHostProcess : IAsyncDisposable
{
    public const string MarkerVariable = "TRACEAPP_APPHOST_TEST_RUN";

    private readonly DirectoryInfo _dataDirectory;
    private readonly Dictionary<(int, long), ProcessInfo> _seen = [];

    private AppHostProcess(ManagedProcess process, DirectoryInfo dataDirectory, string marker)
    {
        Process = process;
        _dataDirectory = dataDirectory;
        Marker = marker;
    }

    public ManagedProcess Process { get; }

    /// <summary>The <c>NAME=value</c> environment entry that marks this run's processes.</summary>
    public string Marker { get; }

    public static AppHostProcess Start()
    {
        var data = Directory.CreateTempSubdirectory("traceapp-apphost-process-");
        var marker = $"{MarkerVariable}={Guid.NewGuid():N}";
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            if (name.StartsWith("OTEL_", StringComparison.Ordinal) || name.StartsWith("TRACEAPP_", StringComparison.Ordinal)
                || name.StartsWith("ASPIRE_", StringComparison.Ordinal) || name.StartsWith("DOTNET_DASHBOARD_", StringComparison.Ordinal))
            {
                environment[name] = null;
            }
        }

        // What AppHost/Properties/launchSettings.json's http profile sets, on free loopback ports.
        environment["DOTNET_ENVIRONMENT"] = "Development";
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["ASPNETCORE_URLS"] = Loopback();
        environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = Loopback();
        environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = Loopback();
        environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = Loopback();
        environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        environment["ASPIRE_VERSION_CHECK_DISABLED"] = "true";
        environment[MarkerVariable] = marker[(MarkerVariable.Length + 1)..];

        string[] arguments =
        [
            "--DcpPublisher:RandomizePorts=true",
            $"--TraceApp:DataDirectory={data.FullName}",
            "--TraceApp:EphemeralData=true",
            // Given, so nothing is generated into (or read from) the developer's user secrets.
            $"--Parameters:nats-password={Secret()}",
            $"--Parameters:postgres-password={Secret()}",
            $"--AppHost:DashboardApiKey={Secret()}",
            $"--AppHost:OtlpApiKey={Secret()}",
            $"--AppHost:BrowserToken={Secret()}",
        ];
        var spec = ProcessSpec.ForProgram("apphost", ProjectLocator.GetProgramPath("AppHost"), environment, arguments) with
        {
            OwnProcessGroup = true,
        };
        return new AppHostProcess(ManagedProcess.Start(spec), data, marker);
    }

    /// <summary>Waits for the AppHost's "TraceApp is ready after …" line: every health-checked resource is healthy.</summary>
    public Task<string> WaitUntilReadyAsync(TimeSpan timeout) =>
        Process.Output.WaitForLineAsync(line => line.Contains(ReadinessReport.ReadyMessagePrefix, StringComparison.Ordinal), timeout);

    /// <summary>Every process of this run now (the AppHost, what it started, what those started); all are remembered.</summary>
    public IReadOnlyList<ProcessInfo> RecordFamily()
    {
        var family = ProcessFamily.Find([Process.Id], Marker);
        foreach (var process in family)
        {
            _seen.TryAdd((process.Id, process.StartTime), process);
        }

        return family;
    }

    /// <summary>Every process of this run ever recorded, and every one carrying the marker now.</summary>
    public IReadOnlyList<ProcessInfo> StillAlive()
    {
        RecordFamily();
        return [.. _seen.Values.Where(p => p.IsAlive)];
    }

    public async ValueTask DisposeAsync()
    {
        // A failed test must not leave its processes behind: only this run's (recorded or marked) are killed.
        foreach (var process in StillAlive())
        {
            ProcessSignals.Send(process.Id, ProcessSignals.SigKill);
        }

        await Process.DisposeAsync();
        try
        {
            _dataDirectory.Delete(recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // PostgreSQL's files may still be closing; the temporary folder is the OS's to clean then.
        }
    }

    private static string Loopback() => $"http://127.0.0.1:{FreePort.Next()}";

    private static string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
