namespace TraceApp.Worker.Operations;

/// <summary>
/// The distribution from /etc/os-release (NAME, VERSION_ID, PRETTY_NAME, ID; null when the file leaves one out, as
/// rolling releases do with VERSION_ID) and the kernel release from /proc/sys/kernel/osrelease.
/// </summary>
public sealed record OsResult(string? Name, string? VersionId, string? PrettyName, string? Id, string Kernel);
