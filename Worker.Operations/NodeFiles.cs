namespace TraceApp.Worker.Operations;

/// <summary>The system files the node and network operations read.</summary>
public static class NodeFiles
{
    public const string Uptime = "/proc/uptime";
    public const string LoadAverage = "/proc/loadavg";
    public const string MemoryInfo = "/proc/meminfo";
    public const string Mounts = "/proc/mounts";
    public const string KernelRelease = "/proc/sys/kernel/osrelease";
    public const string OsRelease = "/etc/os-release";
    public const string ResolverConfiguration = "/etc/resolv.conf";
}
