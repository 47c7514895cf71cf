using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using TraceApp.Benchmarks.Processes;

namespace TraceApp.Benchmarks.AppHost;

/// <summary>
/// The real Aspire AppHost, started as a user starts it (<c>dotnet run --project AppHost</c>, built beforehand),
/// median of N runs: start until every resource is healthy, cold (empty data directory: initdb runs) and warm
/// (the data of an earlier run reused); the PSS of every process of the running system; SIGINT until the AppHost
/// has exited and until every process it started is gone. Also a start-up timeline and which processes the
/// memory and the stop time go to. Holds <see cref="AppHostLock.Path"/> throughout, as every AppHost run must.
/// </summary>
public static class AppHostStartStopBenchmark
{
    private static readonly int[] FixedPorts = [5080, 5090, 5091, 18887, 18888, 18889, 18890];

    private sealed record Options(string Configuration, int Runs, bool Timeline, bool Verbose);

    /// <param name="args">
    /// <c>--configuration Debug|Release</c> (default Debug, what <c>scripts/run.sh</c> builds), <c>--runs N</c>
    /// (default 5), <c>--no-timeline</c> (leave the AppHost's logging at its default level), <c>--verbose</c> (every
    /// process of every run: when it started, its PSS, when it was gone).
    /// </param>
    /// <returns>The process exit code: 0, or 1 when a run failed.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        if (!int.TryParse(Option(args, "--runs") ?? "5", NumberStyles.None, CultureInfo.InvariantCulture, out var runs))
        {
            Console.Error.WriteLine("--runs takes a number of runs (0 only builds, takes the lock and checks the ports).");
            return 2;
        }

        var options = new Options(Option(args, "--configuration") ?? "Debug", runs, !args.Contains("--no-timeline"), args.Contains("--verbose"));
        using var cancel = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        try
        {
            await BuildAppHostAsync(options.Configuration, cancel.Token);
            using var appHostLock = await AppHostLock.AcquireAsync(TimeSpan.FromMinutes(30), cancel.Token);
            Console.WriteLine($"{AppHostLock.Path}: {appHostLock.Holder}.");
            await MeasureAllAsync(options, cancel.Token);
            return 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("AppHost benchmark interrupted; what it had started is stopped.");
            return 1;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or IOException)
        {
            Console.Error.WriteLine($"AppHost benchmark failed: {e.Message}");
            return 1;
        }

        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true; // stop and clean up in the finally blocks, then exit
            cancel.Cancel();
        }
    }

    private static async Task MeasureAllAsync(Options options, CancellationToken ct)
    {
        var (configuration, runs) = (options.Configuration, options.Runs);
        var root = Directory.CreateTempSubdirectory("traceapp-bench-");
        // Created 0700; PostgreSQL runs as the postgres user (TraceApp under root) and must reach its folder inside.
        File.SetUnixFileMode(root.FullName, File.GetUnixFileMode(root.FullName) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var results = new Dictionary<string, List<RunResult>> { ["cold"] = [], ["warm"] = [] };
        var firstLoad = File.ReadAllText("/proc/loadavg").Trim();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"AppHost start/stop: `dotnet run --project AppHost -c {configuration} --no-build`, median of {runs}; data under {root.FullName}; {Environment.ProcessorCount} cores; load average {firstLoad}"));
        try
        {
            for (var run = 1; run <= runs; run++)
            {
                var data = Path.Combine(root.FullName, $"cold-{run}");
                results["cold"].Add(await MeasureAsync($"cold {run}/{runs}", options, data, ct));
                Directory.Delete(data, recursive: true);
            }

            var warmData = Path.Combine(root.FullName, "warm");
            if (runs > 0) // --runs 0 only builds, takes the lock and checks the ports
            {
                await MeasureAsync("warm-up (initialises the warm data, not counted)", options, warmData, ct);
            }

            for (var run = 1; run <= runs; run++)
            {
                results["warm"].Add(await MeasureAsync($"warm {run}/{runs}", options, warmData, ct));
            }
        }
        finally
        {
            root.Delete(recursive: true); // every process of every run is gone by now (or was killed)
        }

        if (runs > 0)
        {
            Report(results, configuration, runs, firstLoad, File.ReadAllText("/proc/loadavg").Trim());
        }
    }

    private static async Task<RunResult> MeasureAsync(string label, Options options, string data, CancellationToken ct)
    {
        EnsurePortsFree();
        var result = await AppHostRun.MeasureAsync(options.Configuration, data, options.Timeline, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label}: start {result.StartSeconds:F2} s (AppHost says {result.ReportedByAppHostSeconds:F1} s), " +
            $"PSS {result.PssKilobytes / 1024.0:F0} MiB, AppHost exit {result.AppHostExitSeconds:F2} s, dotnet run exit {result.DotnetRunExitSeconds:F2} s, " +
            $"all gone {result.AllGoneSeconds:F2} s (last: {result.LastGone.Kind}); load before {result.LoadAverage}"));
        if (options.Verbose)
        {
            foreach (var process in result.Processes.OrderBy(p => p.StartedAt))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    started {process.StartedAt,6:F2} s  gone {process.GoneAt,6:F2} s  PSS {process.PssKilobytes / 1024.0,6:F1} MiB  {process.Info.Id,7}  {AppHostRun.Abbreviate(process.Info.CommandLine)}"));
            }
        }

        return result;
    }

    private static void Report(Dictionary<string, List<RunResult>> results, string configuration, int runs, string firstLoad, string lastLoad)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"Load average at the start {firstLoad}, at the end {lastLoad}.");
        Console.WriteLine();
        Console.WriteLine("| Run | Start (median) | Start runs (s) | AppHost exit (median) | Every process gone (median) | Stop runs: AppHost exit / all gone (s) | PSS of the system (median) |");
        Console.WriteLine("|---|---:|---|---:|---:|---|---:|");
        foreach (var (name, list) in results)
        {
            Console.WriteLine(string.Create(c,
                $"| {name} | {list.Median(r => r.StartSeconds):F2} s | {Runs(list, r => r.StartSeconds)} | " +
                $"{list.Median(r => r.AppHostExitSeconds):F2} s | {list.Median(r => r.AllGoneSeconds):F2} s | " +
                $"{string.Join(", ", list.Select(r => $"{r.AppHostExitSeconds:F2} / {r.AllGoneSeconds:F2}"))} | " +
                $"{list.Median(r => r.PssKilobytes) / 1024:F0} MiB |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(c,
            $"`dotnet run` itself exits (the prompt returns), median: cold {results["cold"].Median(r => r.DotnetRunExitSeconds):F2} s, warm {results["warm"].Median(r => r.DotnetRunExitSeconds):F2} s. " +
            $"Last process to go: {string.Join("; ", results.Values.SelectMany(l => l).GroupBy(r => r.LastGone.Kind).Select(g => $"{g.Key} ×{g.Count()}"))}."));

        Console.WriteLine();
        Console.WriteLine("Memory and stop by kind of process (medians over every run, cold and warm):");
        Console.WriteLine();
        Console.WriteLine("| Processes | Count | PSS | Gone after SIGINT |");
        Console.WriteLine("|---|---:|---:|---:|");
        var all = results.Values.SelectMany(l => l).ToList();
        var kinds = all
            .SelectMany(r => r.Processes.GroupBy(p => p.Kind).Select(g => (Kind: g.Key, Count: g.Count(), Pss: g.Sum(p => p.PssKilobytes), Gone: g.Max(p => p.GoneAt))))
            .GroupBy(k => k.Kind)
            .OrderByDescending(g => g.Median(k => k.Pss));
        foreach (var kind in kinds)
        {
            Console.WriteLine(string.Create(c,
                $"| {kind.Key} | {kind.Median(k => k.Count):F0} | {kind.Median(k => k.Pss) / 1024:F0} MiB | {kind.Median(k => k.Gone):F2} s |"));
        }

        if (all.Any(r => r.Timeline.MilestoneTimes.Count > 2))
        {
            Console.WriteLine();
            Console.WriteLine("Start-up timeline (seconds since `dotnet run` was started; median over the runs):");
            Console.WriteLine();
            Console.WriteLine("| Milestone | cold | warm |");
            Console.WriteLine("|---|---:|---:|");
            foreach (var (milestone, _) in StartupTimeline.Milestones)
            {
                Console.WriteLine($"| {milestone} | {MedianOf(results["cold"], t => t.MilestoneTimes, milestone)} | {MedianOf(results["warm"], t => t.MilestoneTimes, milestone)} |");
            }

            Console.WriteLine();
            Console.WriteLine("| Resource | " + string.Join(" | ", StartupTimeline.ResourceSteps.SelectMany(s => new[] { $"{s} (cold)", $"{s} (warm)" })) + " | program runs, after its `dotnet run` (cold) | (warm) |");
            Console.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---:|", (StartupTimeline.ResourceSteps.Length * 2) + 2)));
            var resources = all.SelectMany(r => r.Timeline.Resources).Distinct()
                .OrderBy(r => all.Select(x => x.Timeline.ResourceStepTimes.GetValueOrDefault((r, "healthy"), double.MaxValue)).Min());
            foreach (var resource in resources)
            {
                var cells = StartupTimeline.ResourceSteps.SelectMany(step => new[]
                {
                    MedianOf(results["cold"], t => t.ResourceStepTimes, (resource, step)),
                    MedianOf(results["warm"], t => t.ResourceStepTimes, (resource, step)),
                });
                cells = cells.Concat([ProgramStart(results["cold"], resource), ProgramStart(results["warm"], resource)]);
                Console.WriteLine($"| {resource} | {string.Join(" | ", cells)} |");
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"Command: dotnet run -c Release --project Benchmarks -- apphost --configuration {configuration} --runs {runs}"));
    }

    internal static async Task BuildAppHostAsync(string configuration, CancellationToken ct)
    {
        Console.WriteLine($"Building the AppHost and its projects: dotnet build AppHost -c {configuration}");
        var clock = Stopwatch.StartNew();
        using var build = ChildProcess.Start("dotnet", ["build", "AppHost", "-c", configuration, "-nologo"], RepositoryPaths.Root);
        await build.WaitForExitAndOutputAsync(TimeSpan.FromMinutes(20)).WaitAsync(ct);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build AppHost -c {configuration} failed ({build.ExitCode}):{Environment.NewLine}{build.Tail(40)}");
        }

        Console.WriteLine($"Built in {clock.Elapsed.TotalSeconds:F0} s.");
    }

    /// <summary>The AppHost's fixed ports must be free: a busy one means an AppHost running outside the lock.</summary>
    internal static void EnsurePortsFree()
    {
        foreach (var port in FixedPorts)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
            }
            catch (SocketException)
            {
                throw new InvalidOperationException(
                    $"Port {port} on 127.0.0.1 is in use although {AppHostLock.Path} is ours: an AppHost (or something else) runs outside the lock. Stop it and retry.");
            }
        }
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    private static double Median<T>(this IEnumerable<T> items, Func<T, double> value) => Median(items.Select(value));

    private static double Median(this IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Runs(IEnumerable<RunResult> runs, Func<RunResult, double> value) =>
        string.Join(", ", runs.Select(r => value(r).ToString("F2", CultureInfo.InvariantCulture)));

    /// <summary>When a service's own program (TraceApp.Api, …) started, past the `dotnet run` wrapper DCP starts.</summary>
    private static string ProgramStart(IEnumerable<RunResult> runs, string resource)
    {
        var program = "TraceApp." + resource;
        var median = runs.Select(r => r.Processes
                .Where(p => string.Equals(Path.GetFileName(p.Info.CommandLine.Split(' ')[0]), program, StringComparison.OrdinalIgnoreCase))
                .Select(p => p.StartedAt)
                .DefaultIfEmpty(double.NaN)
                .First())
            .Median();
        return double.IsNaN(median) ? "" : median.ToString("F2", CultureInfo.InvariantCulture);
    }

    private static string MedianOf<TKey>(
        IEnumerable<RunResult> runs, Func<StartupTimeline, IReadOnlyDictionary<TKey, double>> times, TKey key)
        where TKey : notnull
    {
        var median = runs.Select(r => times(r.Timeline).TryGetValue(key, out var at) ? at : double.NaN).Median();
        return double.IsNaN(median) ? "" : median.ToString("F2", CultureInfo.InvariantCulture);
    }
}
