namespace TraceApp.Worker.Operations;

/// <summary>One line of /proc/mounts.</summary>
public sealed record MountEntry(string Device, string MountPoint, string Type);
