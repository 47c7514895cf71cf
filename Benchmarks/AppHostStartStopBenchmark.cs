using System.Diagnostics;
using System.Globalization;
using TraceApp.Hosting.Execution;
using TraceApp.Hosting.Servers;

namespace TraceApp.Benchmarks;

/// <summary>
/// AppHost start (process start → "All resources are healthy") and stop (SIGINT → process exited, every child
/// gone), median of 5, for a cold start (empty data directory: initdb runs) and a warm one (data kept).
/// A plain harness: these are whole-process timings in seconds, not a micro-benchmark.
/// </summary>
public static class AppHostStartStopBenchmark
{
    private const int Runs = 5;

    public static async Task RunAsync()
    {
        var program = ProjectLocator.GetProgramPath("AppHost");
        Console.WriteLine($"AppHost start/stop, median of {Runs}, program {program}");
        foreach (var warm in new[] { false, true })
        {
            var starts = new List<double>();
            var stops = new List<double>();
            var data = DataDirectory.CreateTemporary("traceapp-bench-");
            try
            {
                if (warm)
                {
                    await MeasureOnceAsync(program, data.FullName); // creates the data the measured runs reuse
                }

                for (var run = 0; run < Runs; run++)
                {
                    if (!warm)
                    {
                        foreach (var entry in data.EnumerateFileSystemInfos())
                        {
                            DeleteRecursively(entry);
                        }
                    }

                    var (start, stop) = await MeasureOnceAsync(program, data.FullName);
                    starts.Add(start);
                    stops.Add(stop);
                }
            }
            finally
            {
                data.Delete(recursive: true);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(warm ? "warm" : "cold")}: start median {Median(starts):F2} s (runs {string.Join(", ", starts.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))}), " +
                $"stop median {Median(stops):F2} s (runs {string.Join(", ", stops.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))})"));
        }
    }

    private static async Task<(double Start, double Stop)> MeasureOnceAsync(string program, string dataDirectory)
    {
        var clock = Stopwatch.StartNew();
        await using var appHost = ManagedProcess.Start(ProcessSpec.ForProgram(
            "apphost", program, new Dictionary<string, string?>(), "--random-ports", "--data-dir", dataDirectory));
        await appHost.StandardOutput.WaitForLineAsync(l => l.Contains("All resources are healthy", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
        var start = clock.Elapsed.TotalSeconds;

        clock.Restart();
        ProcessSignals.Send(appHost.Id, ProcessSignals.SigInt);
        await appHost.Exited.WaitAsync(TimeSpan.FromSeconds(60));
        return (start, clock.Elapsed.TotalSeconds);
    }

    private static void DeleteRecursively(FileSystemInfo entry)
    {
        if (entry is DirectoryInfo directory)
        {
            directory.Delete(recursive: true);
        }
        else
        {
            entry.Delete();
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
