namespace TraceApp.Worker.Operations;

/// <summary>
/// node.disk: the data filesystems in /proc/mounts with their size and free space (statvfs through DriveInfo).
/// A mount the Worker may not inspect is left out and logged rather than failing the whole job.
/// </summary>
public sealed partial class DiskOperation(INodeFileReader files, ILogger<DiskOperation> logger) : JobOperation<DiskResult>
{
    public const string OperationName = "node.disk";

    public override string Name => OperationName;

    public override async Task<DiskResult> RunAsync(CancellationToken cancellationToken)
    {
        var mounts = MountsParser.Parse(await files.ReadAllTextAsync(NodeFiles.Mounts, cancellationToken));
        var filesystems = new List<FilesystemUsage>();
        foreach (var mount in MountsParser.DataFilesystems(mounts))
        {
            try
            {
                var drive = new DriveInfo(mount.MountPoint);
                filesystems.Add(new FilesystemUsage(
                    mount.Device, mount.MountPoint, mount.Type,
                    TotalBytes: drive.TotalSize,
                    FreeBytes: drive.TotalFreeSpace,
                    AvailableBytes: drive.AvailableFreeSpace,
                    UsedBytes: drive.TotalSize - drive.TotalFreeSpace));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
            {
                LogMountSkipped(logger, mount.MountPoint, exception.Message);
            }
        }

        return new DiskResult(filesystems);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "node.disk leaves out {MountPoint}: {Reason}")]
    private static partial void LogMountSkipped(ILogger logger, string mountPoint, string reason);
}
