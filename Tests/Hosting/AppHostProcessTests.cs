using TraceApp.Hosting.Execution;
using TraceApp.Hosting.Servers;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Hosting;

/// <summary>The AppHost started as a process, as the README's run command does (with random ports and temp data).</summary>
public sealed class AppHostProcessTests : IDisposable
{
    private readonly DirectoryInfo _data = DataDirectory.CreateTemporary("traceapp-apphost-");

    public void Dispose() => _data.Delete(recursive: true);

    private async Task<(ManagedProcess AppHost, IReadOnlyList<int> Groups)> StartHealthyAsync()
    {
        var appHost = ManagedProcess.Start(ProcessSpec.ForProgram(
            "apphost", ProjectLocator.GetProgramPath("AppHost"), new Dictionary<string, string?>(), "--random-ports", "--data-dir", _data.FullName));
        await appHost.StandardOutput.WaitForLineAsync(line => line.Contains("All resources are healthy", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        var groups = ProcessTable.ChildrenOf(appHost.Id);
        return (appHost, groups);
    }

    [Fact]
    public async Task Reaches_all_healthy_SIGINT_stops_every_child_and_a_restart_reuses_the_data()
    {
        for (var run = 1; run <= 2; run++)
        {
            var (appHost, groups) = await StartHealthyAsync();
            await using var _ = appHost;
            Assert.True(groups.Count >= 5, $"run {run}: expected nats, postgres and three projects, found {groups.Count} children");

            ProcessSignals.Send(appHost.Id, ProcessSignals.SigInt);

            var exited = await Task.WhenAny(appHost.Exited, Task.Delay(TimeSpan.FromSeconds(60)));
            if (exited != appHost.Exited)
            {
                var log = Path.Combine(ProjectLocator.RepositoryRoot, "TestResults", $"apphost-not-stopped-run{run}.log");
                Directory.CreateDirectory(Path.GetDirectoryName(log)!);
                await File.WriteAllLinesAsync(log, appHost.Output.Lines);
                Assert.Fail($"run {run}: the AppHost had not exited 60 s after SIGINT; its whole output is in {log}; the last lines:{Environment.NewLine}{appHost.Tail(15)}");
            }

            Assert.Equal(0, await appHost.Exited);
            Assert.Contains(appHost.StandardOutput.Lines, line => line.Contains("Stopped.", StringComparison.Ordinal));
            Assert.Empty(ProcessTable.MembersOf(groups));
        }
    }

    [Fact]
    public async Task Children_do_not_outlive_a_killed_apphost()
    {
        var (appHost, groups) = await StartHealthyAsync();
        await using var _ = appHost;

        appHost.Kill();

        Assert.Empty(await ProcessTable.WaitUntilGoneAsync([.. groups], TimeSpan.FromSeconds(20)));
    }
}
