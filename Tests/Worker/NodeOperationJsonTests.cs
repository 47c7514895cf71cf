using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using TraceApp.Worker.Operations;

namespace TraceApp.Tests.Worker;

/// <summary>The JSON each node operation returns, from fixed system files.</summary>
public sealed class NodeOperationJsonTests
{
    private static readonly FixedNodeFiles Files = new(new()
    {
        [NodeFiles.Uptime] = NodeSamples.Uptime,
        [NodeFiles.LoadAverage] = NodeSamples.LoadAverage,
        [NodeFiles.MemoryInfo] = NodeSamples.MemoryInfo,
        [NodeFiles.OsRelease] = NodeSamples.OsRelease,
        [NodeFiles.KernelRelease] = NodeSamples.KernelRelease,
        [NodeFiles.Mounts] = "/dev/vda1 / ext4 rw 0 0\nproc /proc proc rw 0 0\n",
    });

    private static async Task<JsonElement> RunAsync(IJobOperation operation)
    {
        var result = await operation.ExecuteAsync(null, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Errors);
        return Assert.NotNull(result.Value);
    }

    [Fact]
    public async Task Uptime()
    {
        var json = await RunAsync(new UptimeOperation(Files));

        Assert.Equal("""{"seconds":273812.45,"text":"3 days, 4 hours, 3 minutes"}""", json.GetRawText());
    }

    [Fact]
    public async Task Load()
    {
        var json = await RunAsync(new LoadOperation(Files));

        Assert.Equal(
            """{"load1":0.52,"load5":0.58,"load15":0.59,"runningProcesses":2,"totalProcesses":1234}""", json.GetRawText());
    }

    [Fact]
    public async Task Memory()
    {
        var json = await RunAsync(new MemoryOperation(Files));

        Assert.Equal(
            """{"totalBytes":16777216000,"availableBytes":8388608000,"freeBytes":2097152000,"usedBytes":8388608000,"swapTotalBytes":4194304000,"swapFreeBytes":4096000000}""",
            json.GetRawText());
    }

    [Fact]
    public async Task Os()
    {
        var json = await RunAsync(new OsOperation(Files));

        Assert.Equal(
            """{"name":"Debian GNU/Linux","versionId":"12","prettyName":"Debian GNU/Linux 12 (bookworm)","id":"debian","kernel":"6.1.0-18-amd64"}""",
            json.GetRawText());
    }

    [Fact]
    public async Task Disk_sizes_the_root_filesystem()
    {
        var json = await RunAsync(new DiskOperation(Files, NullLogger<DiskOperation>.Instance));

        var root = Assert.Single(json.GetProperty("filesystems").EnumerateArray());
        Assert.Equal("/dev/vda1", root.GetProperty("device").GetString());
        Assert.Equal("/", root.GetProperty("mountPoint").GetString());
        Assert.Equal("ext4", root.GetProperty("type").GetString());
        var total = root.GetProperty("totalBytes").GetInt64();
        Assert.True(total > 0);
        Assert.Equal(total, root.GetProperty("usedBytes").GetInt64() + root.GetProperty("freeBytes").GetInt64());
        Assert.InRange(root.GetProperty("availableBytes").GetInt64(), 0, root.GetProperty("freeBytes").GetInt64());
    }

    [Fact]
    public async Task Disk_leaves_out_a_mount_it_cannot_size()
    {
        var files = new FixedNodeFiles(new() { [NodeFiles.Mounts] = "/dev/vda1 / ext4 rw 0 0\n/dev/vdz /no/such/mount xfs rw 0 0\n" });

        var result = await new DiskOperation(files, NullLogger<DiskOperation>.Instance).RunAsync(CancellationToken.None);

        Assert.Equal(["/"], result.Filesystems.Select(filesystem => filesystem.MountPoint));
    }

    [Fact]
    public async Task Status_nests_each_part_under_its_name()
    {
        var status = new StatusOperation(
            new HostnameOperation(), new UptimeOperation(Files), new LoadOperation(Files), new MemoryOperation(Files), new OsOperation(Files));

        var json = await RunAsync(status);

        Assert.Equal(
            ["hostname", "uptime", "load", "memory", "os"], json.EnumerateObject().Select(property => property.Name));
        Assert.Equal(273812.45, json.GetProperty("uptime").GetProperty("seconds").GetDouble());
        Assert.Equal("debian", json.GetProperty("os").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_malformed_file_fails_the_operation_with_the_files_name()
    {
        var files = new FixedNodeFiles(new() { [NodeFiles.LoadAverage] = "garbage\n" });

        var error = await Assert.ThrowsAsync<NodeFileFormatException>(
            () => new LoadOperation(files).ExecuteAsync(null, CancellationToken.None));

        Assert.StartsWith("/proc/loadavg line 1:", error.Message);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    public async Task No_parameters_may_be_null_or_an_empty_object(string parameters)
    {
        var result = await new LoadOperation(Files).ExecuteAsync(JsonDocument.Parse(parameters).RootElement, CancellationToken.None);

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Parameters_to_an_operation_without_any_are_field_errors()
    {
        var parameters = JsonDocument.Parse("""{"verbose":true}""").RootElement;

        var result = await new HostnameOperation().ExecuteAsync(parameters, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Null(result.Value);
        Assert.Equal(["This operation takes no parameters."], result.Errors["verbose"]);
    }

    [Fact]
    public async Task Parameters_that_are_not_an_object_are_an_error_of_the_whole()
    {
        var result = await new HostnameOperation().ExecuteAsync(JsonDocument.Parse("[1]").RootElement, CancellationToken.None);

        Assert.Equal(["The parameters must be a JSON object, not an array."], result.Errors[ParameterReader.RootField]);
    }
}
