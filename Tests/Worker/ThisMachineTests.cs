using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using TraceApp.Worker.Operations;

namespace TraceApp.Tests.Worker;

/// <summary>The operations on the real files and names of the machine the tests run on.</summary>
public sealed class ThisMachineTests
{
    private readonly NodeFileReader _files = new();

    private static async Task<string> RunCommandAsync(string fileName, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output.Trim();
    }

    [Fact]
    public async Task Hostname_is_what_the_hostname_command_prints()
    {
        var result = await new HostnameOperation().RunAsync(CancellationToken.None);

        Assert.Equal(await RunCommandAsync("hostname"), result.Hostname);
        Assert.Equal(Environment.MachineName, result.Hostname);
    }

    [Fact]
    public async Task Uptime_is_positive()
    {
        var result = await new UptimeOperation(_files).RunAsync(CancellationToken.None);

        Assert.True(result.Seconds > 0);
        Assert.Matches(@"^(\d+ days?, \d+ hours?, |\d+ hours?, )?\d+ minutes?$", result.Text);
    }

    [Fact]
    public async Task Load_has_three_averages_and_at_least_one_running_process()
    {
        var result = await new LoadOperation(_files).RunAsync(CancellationToken.None);

        Assert.All([result.Load1, result.Load5, result.Load15], load => Assert.True(load >= 0));
        Assert.InRange(result.RunningProcesses, 1, result.TotalProcesses);
    }

    [Fact]
    public async Task Memory_total_is_positive_and_holds_the_rest()
    {
        var result = await new MemoryOperation(_files).RunAsync(CancellationToken.None);

        Assert.True(result.TotalBytes > 0);
        Assert.InRange(result.AvailableBytes, 0, result.TotalBytes);
        Assert.InRange(result.FreeBytes, 0, result.TotalBytes);
        Assert.InRange(result.SwapFreeBytes, 0, result.SwapTotalBytes);
    }

    [Fact]
    public async Task Os_is_the_distribution_and_kernel_uname_reports()
    {
        var result = await new OsOperation(_files).RunAsync(CancellationToken.None);

        Assert.False(string.IsNullOrEmpty(result.Id));
        Assert.False(string.IsNullOrEmpty(result.PrettyName));
        Assert.Equal(await RunCommandAsync("uname", "-r"), result.Kernel);
    }

    [Fact]
    public async Task Disk_lists_the_root_filesystem_with_its_size()
    {
        var result = await new DiskOperation(_files, NullLogger<DiskOperation>.Instance).RunAsync(CancellationToken.None);

        var root = Assert.Single(result.Filesystems, filesystem => filesystem.MountPoint == "/");
        Assert.True(root.TotalBytes > 0);
        Assert.Equal(root.TotalBytes, root.UsedBytes + root.FreeBytes);
        Assert.DoesNotContain(result.Filesystems, filesystem => filesystem.Type is "proc" or "sysfs" or "tmpfs" or "cgroup");
    }

    [Fact]
    public async Task Dns_reads_the_resolver_configuration()
    {
        var result = await new DnsOperation(_files).RunAsync(new DnsParameters(null), CancellationToken.None);
        var nameserverLines = File.ReadLines(NodeFiles.ResolverConfiguration)
            .Count(line => line.StartsWith("nameserver", StringComparison.Ordinal));

        Assert.Equal(nameserverLines, result.Nameservers.Count);
        Assert.Null(result.Resolved);
    }

    [Fact]
    public async Task Status_sums_up_this_machine()
    {
        var result = await new StatusOperation(
            new HostnameOperation(), new UptimeOperation(_files), new LoadOperation(_files), new MemoryOperation(_files), new OsOperation(_files))
            .RunAsync(CancellationToken.None);

        Assert.Equal(Environment.MachineName, result.Hostname);
        Assert.True(result.Memory.TotalBytes > 0);
        Assert.True(result.Uptime.Seconds > 0);
    }
}
