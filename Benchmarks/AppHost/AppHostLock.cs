using System.Globalization;
using System.Runtime.InteropServices;

namespace TraceApp.Benchmarks.AppHost;

/// <summary>
/// The machine-wide lock everyone takes around a run of the AppHost, whose ports (5080, 5090, 5091, 18887-18890)
/// are fixed: an exclusive <c>flock</c> on <see cref="Path"/>, the same lock <c>flock(1)</c> takes. Held until
/// disposed; the descriptor is close-on-exec, so nothing the benchmark starts (DCP detaches) keeps it held.
/// Under <c>flock /tmp/traceapp-apphost.lock dotnet run …</c> the lock is already ours: the descriptor flock(1)
/// passes down is used (and made close-on-exec), or, with <c>flock -o</c>, the ancestor holding it is recognised.
/// </summary>
internal sealed partial class AppHostLock : IDisposable
{
    public const string Path = "/tmp/traceapp-apphost.lock";

    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int SetDescriptorFlags = 2; // F_SETFD
    private const int CloseOnExec = 1; // FD_CLOEXEC

    // open(2) flags, the same on x86-64 and arm64 Linux.
    private const int OpenCreate = 0x40; // O_CREAT
    private const int OpenCloseOnExec = 0x80000; // O_CLOEXEC

    private int _fd;

    private AppHostLock(int fd, string holder)
    {
        _fd = fd;
        Holder = holder;
    }

    /// <summary>How the lock is held, for the report.</summary>
    public string Holder { get; }

    public static async Task<AppHostLock> AcquireAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (InheritedDescriptor() is { } inherited)
        {
            return new AppHostLock(-1, $"held by the calling flock(1) (inherited descriptor {inherited})");
        }

        // open(2) rather than FileStream, which takes a lock of its own (LOCK_SH) that would stop others' LOCK_EX.
        var fd = Open(Path, OpenCreate | OpenCloseOnExec, 0x1B6 /* 0666 */);
        if (fd < 0)
        {
            throw new IOException($"Cannot open {Path} (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            var deadline = DateTime.UtcNow + timeout;
            var nextReport = DateTime.UtcNow;
            while (FLock(fd, LockExclusive | LockNonBlocking) != 0)
            {
                var holder = HolderId(fd);
                if (holder is { } id && IsAncestor(id))
                {
                    Close(fd);
                    return new AppHostLock(-1, $"held by the calling process {id} ({CommandLine(id)})");
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{Path} is still locked after {timeout.TotalMinutes:F0} min by {Describe(holder)}; not starting the AppHost.");
                }

                if (DateTime.UtcNow >= nextReport)
                {
                    Console.WriteLine($"Waiting for {Path} (held by {Describe(holder)}): another AppHost is running.");
                    nextReport = DateTime.UtcNow.AddSeconds(30);
                }

                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }

            return new AppHostLock(fd, "held by this process");
        }
        catch
        {
            Close(fd);
            throw;
        }
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            Close(_fd); // closing the descriptor releases the lock
            _fd = -1;
        }
    }

    /// <summary>A descriptor inherited from flock(1) that already holds the lock (flock on it succeeds at once).</summary>
    private static int? InheritedDescriptor()
    {
        foreach (var link in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(link), NumberStyles.None, CultureInfo.InvariantCulture, out var fd))
            {
                continue;
            }

            string? target;
            try
            {
                target = new FileInfo(link).LinkTarget;
            }
            catch (IOException)
            {
                continue;
            }

            if (target == Path && FLock(fd, LockExclusive | LockNonBlocking) == 0)
            {
                FileControl(fd, SetDescriptorFlags, CloseOnExec); // the AppHost and DCP must not inherit it
                return fd;
            }
        }

        return null;
    }

    /// <summary>The process holding the flock on the file, from /proc/locks ("1: FLOCK ADVISORY WRITE pid maj:min:inode 0 EOF").</summary>
    private static int? HolderId(int fd)
    {
        var inode = Inode(fd);
        foreach (var line in File.ReadLines("/proc/locks"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 5 && fields[1] == "FLOCK" && fields[5].Split(':') is [_, _, var node]
                && ulong.TryParse(node, NumberStyles.None, CultureInfo.InvariantCulture, out var lockedInode) && lockedInode == inode
                && int.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return id;
            }
        }

        return null;
    }

    private static ulong Inode(int fd)
    {
        // struct stat on Linux x86-64 and arm64: st_dev (8 bytes), then st_ino (8 bytes).
        var buffer = new byte[256];
        return FStat(fd, buffer) == 0 ? BitConverter.ToUInt64(buffer, 8) : 0;
    }

    private static bool IsAncestor(int id)
    {
        for (var current = Environment.ProcessId; current > 1;)
        {
            var parent = Processes.ProcessTable.Read(current)?.ParentId ?? 0;
            if (parent == id)
            {
                return true;
            }

            current = parent;
        }

        return false;
    }

    private static string Describe(int? id) => id is { } pid ? $"process {pid}: {CommandLine(pid)}" : "an unknown process";

    private static string CommandLine(int id) => Processes.ProcessTable.Read(id)?.CommandLine ?? "(gone)";

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "flock")]
    private static partial int FLock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "fcntl")]
    private static partial int FileControl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "fstat")]
    private static partial int FStat(int fd, [Out] byte[] buffer);
}
