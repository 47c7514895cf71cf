using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using TraceApp.Benchmarks.Processes;

namespace TraceApp.Benchmarks.AppHost;

/// <summary>One process of the running system: when it started (since <c>dotnet run</c>), its PSS, when it was gone (since SIGINT).</summary>
internal sealed record ProcessRecord(string Kind, ProcessInfo Info, double StartedAt, long PssKilobytes, double GoneAt);

/// <summary>The figures of one start and stop of the whole system.</summary>
internal sealed record RunResult(
    double StartSeconds,
    double ReportedByAppHostSeconds,
    double AppHostExitSeconds,
    double DotnetRunExitSeconds,
    IReadOnlyList<ProcessRecord> Processes,
    StartupTimeline Timeline,
    string LoadAverage)
{
    public long PssKilobytes => Processes.Sum(p => p.PssKilobytes);

    public double AllGoneSeconds => Processes.Max(p => p.GoneAt);

    public ProcessRecord LastGone => Processes.MaxBy(p => p.GoneAt)!;
}

/// <summary>
/// One run, as a user runs the AppHost (<c>scripts/run.sh</c> is <c>dotnet run --project AppHost</c>): start
/// <c>dotnet run --project AppHost --no-build</c> in a session of its own, time until the AppHost logs that every
/// resource is healthy, record every process of the running system and its PSS, send SIGINT to the session's
/// process group (what Ctrl+C in a terminal does: <c>dotnet run</c> alone ignores SIGINT and does not pass it
/// on), and time until the AppHost, then <c>dotnet run</c>, then every recorded process is gone. Whatever is left
/// (a failure) is stopped, then killed, before the run returns or throws.
/// </summary>
internal static partial class AppHostRun
{
    /// <summary>Hosting/ReadinessReport.cs: "TraceApp is ready after 9.1 s: nats, … are healthy."</summary>
    public const string ReadyMessagePrefix = "TraceApp is ready after";

    internal const string MarkerVariable = "TRACEAPP_BENCHMARK_RUN";

    // Process start times in /proc are in clock ticks: USER_HZ, 100 on Linux x86-64 and arm64.
    private const double ClockTicksPerSecond = 100;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan RescanInterval = TimeSpan.FromMilliseconds(500);

    public static async Task<RunResult> MeasureAsync(string configuration, string dataDirectory, bool debugLogs, CancellationToken ct)
    {
        var loadAverage = File.ReadAllText("/proc/loadavg").Trim();
        var marker = $"{MarkerVariable}={Guid.NewGuid():N}";
        List<string> arguments = ["run", "--project", "AppHost", "-c", configuration, "--no-build", "--", $"--TraceApp:DataDirectory={dataDirectory}"];
        if (debugLogs)
        {
            arguments.Add("--Logging:LogLevel:Aspire.Hosting=Debug"); // resource state changes, for the start-up timeline
        }

        using var child = ChildProcess.Start("dotnet", arguments, RepositoryPaths.Root, ChildEnvironment(marker), newSession: true);
        using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var healthAnswers = PollHealthAsync(child, stopPolling.Token);
        var recorded = new Dictionary<int, ProcessInfo>();
        var stopped = false;
        try
        {
            OutputLine ready;
            try
            {
                ready = await child.WaitForLineAsync(
                    l => l.Contains(ReadyMessagePrefix, StringComparison.Ordinal), StartTimeout, $"\"{ReadyMessagePrefix} …\" line", ct);
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                throw new InvalidOperationException($"{NotHealthy(StartupTimeline.Read(child.Lines))} {e.Message}", e);
            }

            await Task.Delay(Settle, ct);
            await stopPolling.CancelAsync();
            var answered = await healthAnswers;

            var system = ProcessTable.SystemOf(child.Id, marker);
            var pss = system.ToDictionary(p => p.Id, p => ProcessTable.PssKilobytes(p.Id) ?? 0);
            foreach (var process in system)
            {
                recorded[process.Id] = process;
            }

            var appHost = system.FirstOrDefault(p => Kind(p, child.Id) == "AppHost")
                ?? throw new InvalidOperationException($"No TraceApp.AppHost process among: {string.Join("; ", system.Select(p => p.CommandLine))}");

            // Stop as Ctrl+C does; the group is dotnet run and the AppHost (DCP moved to sessions of its own).
            var stopClock = Stopwatch.StartNew();
            var signalledAt = child.Elapsed;
            if (!ProcessSignals.SendToGroup(child.Id, ProcessSignals.SigInt))
            {
                throw new InvalidOperationException($"Could not signal process group {child.Id}: {child.Tail()}");
            }

            var gone = await WaitUntilGoneAsync(recorded, child.Id, marker, stopClock, ct);
            stopped = true;
            var dotnetRunExit = (await child.Exited.WaitAsync(TimeSpan.FromSeconds(5), ct)) - signalledAt;

            var root = recorded[child.Id];
            var processes = recorded.Values
                .Select(p => new ProcessRecord(
                    Kind(p, child.Id),
                    p,
                    (double)(p.StartTicks - root.StartTicks) / ClockTicksPerSecond,
                    pss.GetValueOrDefault(p.Id),
                    gone[p.Id]))
                .ToList();
            return new RunResult(
                ready.At.TotalSeconds,
                ReportedSeconds(ready.Text),
                gone[appHost.Id],
                dotnetRunExit.TotalSeconds,
                processes,
                StartupTimeline.Read(child.Lines, answered),
                loadAverage);
        }
        finally
        {
            await stopPolling.CancelAsync();
            if (!stopped)
            {
                var log = Path.Combine(Path.GetTempPath(), $"traceapp-bench-apphost-{DateTime.Now:yyyyMMdd-HHmmss}.log");
                await File.WriteAllLinesAsync(log, child.Lines.Select(l => $"{l.At.TotalSeconds,8:F3} {l.Text}"), CancellationToken.None);
                Console.Error.WriteLine($"The failed run's output (with arrival times) is in {log}.");
                await CleanUpAsync(child, marker, recorded.Values);
            }
        }
    }

    /// <summary>"Not healthy: api (Running), worker (Waiting)." from the timeline, for a start that never completes.</summary>
    private static string NotHealthy(StartupTimeline timeline)
    {
        var pending = timeline.Resources
            .Where(r => !timeline.ResourceStepTimes.ContainsKey((r, "healthy")) && timeline.LastStates.GetValueOrDefault(r) != "NotStarted")
            .Select(r => $"{r} ({timeline.LastStates.GetValueOrDefault(r, "?")})")
            .ToList();
        return pending.Count == 0 ? "" : $"Not healthy: {string.Join(", ", pending)}.";
    }

    /// <summary>
    /// When the services on fixed ports (Api, WorkflowServer) first answer <c>GET /health</c> with 200, polled every
    /// 100 ms through DCP's proxy as Aspire's health check reaches them: the gap to "healthy" is Aspire's polling.
    /// </summary>
    private static async Task<Dictionary<string, double>> PollHealthAsync(ChildProcess child, CancellationToken ct)
    {
        (string Resource, Uri Uri)[] services =
        [
            ("api", new("http://localhost:5080/health")),
            ("workflowserver", new("http://localhost:5091/health")),
        ];
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) }; // a first request may be slow; let it finish
        var answers = await Task.WhenAll(services.Select(async service =>
        {
            try
            {
                while (true)
                {
                    try
                    {
                        using var response = await http.GetAsync(service.Uri, ct);
                        if (response.IsSuccessStatusCode)
                        {
                            return (service.Resource, At: child.Elapsed.TotalSeconds);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
                    {
                        // Not listening yet (or DCP's proxy has no backend yet).
                    }

                    await Task.Delay(100, ct);
                }
            }
            catch (OperationCanceledException)
            {
                return (service.Resource, At: double.NaN);
            }
        }));
        return answers.Where(a => !double.IsNaN(a.At)).ToDictionary(a => a.Resource, a => a.At);
    }

    /// <summary>
    /// Polls until every recorded process has exited, recording when each went (seconds since the signal);
    /// processes of the system that appear meanwhile are recorded too. Throws after <see cref="StopTimeout"/>.
    /// </summary>
    private static async Task<Dictionary<int, double>> WaitUntilGoneAsync(
        Dictionary<int, ProcessInfo> recorded, int rootId, string marker, Stopwatch clock, CancellationToken ct)
    {
        var gone = new Dictionary<int, double>();
        var nextScan = RescanInterval;
        while (true)
        {
            foreach (var process in recorded.Values)
            {
                if (!gone.ContainsKey(process.Id) && !ProcessTable.IsAlive(process))
                {
                    gone[process.Id] = clock.Elapsed.TotalSeconds;
                }
            }

            if (clock.Elapsed >= nextScan)
            {
                nextScan += RescanInterval;
                foreach (var process in ProcessTable.SystemOf(rootId, marker))
                {
                    recorded.TryAdd(process.Id, process);
                }
            }

            if (gone.Count == recorded.Count)
            {
                return gone;
            }

            if (clock.Elapsed > StopTimeout)
            {
                var alive = recorded.Values.Where(p => !gone.ContainsKey(p.Id)).Select(p => $"{p.Id} {Abbreviate(p.CommandLine)}");
                throw new TimeoutException(
                    $"{StopTimeout.TotalSeconds:F0} s after SIGINT these processes were still running: {string.Join("; ", alive)}");
            }

            await Task.Delay(PollInterval, ct);
        }
    }

    /// <summary>After a failure: SIGINT to the group, up to 20 s for the system to go, then SIGKILL to what is left of it.</summary>
    internal static async Task CleanUpAsync(ChildProcess child, string marker, IEnumerable<ProcessInfo> recorded)
    {
        var system = ProcessTable.SystemOf(child.Id, marker).Concat(recorded).DistinctBy(p => p.Id).ToList();
        if (!child.Exited.IsCompleted)
        {
            ProcessSignals.SendToGroup(child.Id, ProcessSignals.SigInt);
        }

        var deadline = Stopwatch.StartNew();
        while (system.Any(ProcessTable.IsAlive) && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(200);
        }

        var left = system.Concat(ProcessTable.SystemOf(child.Id, marker)).DistinctBy(p => p.Id).Where(ProcessTable.IsAlive).ToList();
        foreach (var process in left)
        {
            ProcessSignals.Send(process.Id, ProcessSignals.SigKill);
        }

        if (left.Count > 0)
        {
            Console.Error.WriteLine($"Killed {left.Count} processes left 20 s after SIGINT: {string.Join("; ", left.Select(p => $"{p.Id} {Abbreviate(p.CommandLine)}"))}");
        }
    }

    /// <summary>The environment a user's shell would give <c>dotnet run</c>, plus the marker the run's processes inherit.</summary>
    internal static Dictionary<string, string?> ChildEnvironment(string marker)
    {
        var environment = new Dictionary<string, string?>
        {
            [marker[..marker.IndexOf('=', StringComparison.Ordinal)]] = marker[(marker.IndexOf('=', StringComparison.Ordinal) + 1)..],
            // Set by the `dotnet run` that started this benchmark, not by a user's shell.
            ["DOTNET_LAUNCH_PROFILE"] = null,
            ["ASPNETCORE_ENVIRONMENT"] = null,
            ["DOTNET_ENVIRONMENT"] = null,
            ["ASPNETCORE_URLS"] = null,
        };
        foreach (var name in Environment.GetEnvironmentVariables().Keys.OfType<string>())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) && name != "MSBUILDDISABLENODEREUSE")
            {
                environment[name] = null;
            }
        }

        return environment;
    }

    /// <summary>What a process of the running system is, for the memory and stop tables.</summary>
    public static string Kind(ProcessInfo process, int rootId)
    {
        var command = process.CommandLine;
        return process.Id == rootId ? "`dotnet run` of the AppHost"
            : command.Contains("TraceApp.AppHost", StringComparison.Ordinal) ? "AppHost"
            : command.Contains("/dcp ", StringComparison.Ordinal) ? "DCP (API server, controllers, process monitors)"
            : command.Contains("docker ", StringComparison.Ordinal) ? "`docker` CLI calls by DCP (there is no daemon)"
            : command.Contains("Aspire.Dashboard", StringComparison.Ordinal) ? "Aspire dashboard"
            : command.StartsWith("dotnet run ", StringComparison.Ordinal) ? "`dotnet run` wrappers of the 3 services"
            : command.Contains("TraceApp.", StringComparison.Ordinal) ? "services (Api, Worker, WorkflowServer)"
            : command.Contains("nats-server", StringComparison.Ordinal) ? "nats-server"
            : command.StartsWith("postgres", StringComparison.Ordinal) || command.Contains("/postgres ", StringComparison.Ordinal) ? "PostgreSQL"
            : "other";
    }

    private static double ReportedSeconds(string line) =>
        ReportedTime().Match(line) is { Success: true } match
            ? double.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture)
            : double.NaN;

    public static string Abbreviate(string commandLine) => commandLine.Length <= 100 ? commandLine : commandLine[..100] + "…";

    [GeneratedRegex(@"TraceApp is ready after (?<seconds>[0-9]+(?:\.[0-9]+)?) s")]
    private static partial Regex ReportedTime();
}
