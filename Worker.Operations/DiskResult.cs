namespace TraceApp.Worker.Operations;

public sealed record DiskResult(IReadOnlyList<FilesystemUsage> Filesystems);

/// <param name="FreeBytes">Free space, including the part reserved for root.</param>
/// <param name="AvailableBytes">Free space an unprivileged user can use.</param>
/// <param name="UsedBytes">Total minus free.</param>
public sealed record FilesystemUsage(
    string Device, string MountPoint, string Type, long TotalBytes, long FreeBytes, long AvailableBytes, long UsedBytes);
