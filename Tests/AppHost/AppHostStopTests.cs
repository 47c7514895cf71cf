using System.Globalization;
using TraceApp.Tests.Infrastructure;
using TraceApp.Tests.Infrastructure.Processes;

namespace TraceApp.Tests.AppHost;

/// <summary>Each test runs its own AppHost, so they run alone, after the collections that run in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AppHostProcessCollection
{
    public const string Name = "AppHost process";
}

/// <summary>
/// Stopping the AppHost leaves nothing behind: not nats-server, PostgreSQL, DCP (which detaches into its own
/// session), the dashboard, nor the programs — for SIGTERM (a service manager, <c>kill</c>) and for Ctrl+C in a
/// terminal (SIGINT to the whole foreground process group).
/// </summary>
[Collection(AppHostProcessCollection.Name)]
public sealed class AppHostStopTests
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(60);

    /// <summary>What the family must contain before the stop, or the test would prove nothing.</summary>
    private static readonly string[] ExpectedPrograms =
        ["nats-server", "postgres", "dcp", "Aspire.Dashboard", "TraceApp.Api", "TraceApp.Worker", "TraceApp.WorkflowServer"];

    [Fact]
    public Task SigtermLeavesNoProcessBehind() => StopLeavesNoProcessBehindAsync(ProcessSignals.SigTerm, toGroup: false);

    [Fact]
    public Task CtrlCLeavesNoProcessBehind() => StopLeavesNoProcessBehindAsync(ProcessSignals.SigInt, toGroup: true);

    private static async Task StopLeavesNoProcessBehindAsync(int signal, bool toGroup)
    {
        await using var apphost = AppHostProcess.Start();
        try
        {
            await apphost.WaitUntilReadyAsync(ReadyTimeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}{Environment.NewLine}{apphost.Process.Tail(60)}", e);
        }

        var family = apphost.RecordFamily();
        foreach (var program in ExpectedPrograms)
        {
            Assert.True(
                family.Any(p => Runs(p, program)),
                $"No {program} among the AppHost's processes:{Environment.NewLine}{string.Join(Environment.NewLine, family)}");
        }

        if (signal == ProcessSignals.SigInt)
        {
            // Ctrl+C works only if SIGINT is not inherited as ignored (a background job's children ignore it).
            Assert.False(IgnoresSignal(apphost.Process.Id, signal), "The AppHost ignores SIGINT, so Ctrl+C could not stop it.");
        }

        var sent = toGroup ? ProcessSignals.SignalGroup(apphost.Process.Id, signal) : ProcessSignals.Send(apphost.Process.Id, signal);
        Assert.True(sent, "The AppHost was gone before the stop signal.");

        var exitCode = await apphost.Process.Exited.WaitAsync(ExitTimeout);
        Assert.True(exitCode == 0, $"The AppHost exited with {exitCode}:{Environment.NewLine}{apphost.Process.Tail(30)}");

        IReadOnlyList<ProcessInfo> left = [];
        try
        {
            await Eventually.WaitUntilAsync(() => (left = apphost.StillAlive()).Count == 0, CleanupTimeout, "the AppHost's processes to exit");
        }
        catch (TimeoutException)
        {
        }

        Assert.True(
            left.Count == 0,
            $"{left.Count} of the AppHost's {family.Count} processes still run {CleanupTimeout.TotalSeconds:0} s after it exited:"
            + Environment.NewLine + string.Join(Environment.NewLine, left));
    }

    private static bool Runs(ProcessInfo process, string program) =>
        process.Name.StartsWith(program[..Math.Min(program.Length, 15)], StringComparison.Ordinal)
        || process.CommandLine.Split(' ')[0].EndsWith("/" + program, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="processId"/>'s SigIgn mask (/proc/PID/status) has <paramref name="signal"/>.</summary>
    private static bool IgnoresSignal(int processId, int signal)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        var mask = ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (mask & (1UL << (signal - 1))) != 0;
    }
}
