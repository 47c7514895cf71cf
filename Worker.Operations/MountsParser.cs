using System.Text;

namespace TraceApp.Worker.Operations;

/// <summary>
/// Parses /proc/mounts ("device mount-point type options dump pass") and picks the filesystems that hold data,
/// leaving out the kernel's virtual ones (proc, sysfs, cgroup, tmpfs, devpts, …).
/// </summary>
public static class MountsParser
{
    public static readonly IReadOnlySet<string> DataFilesystemTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "ext2", "ext3", "ext4", "xfs", "btrfs", "zfs", "f2fs", "jfs", "reiserfs", "bcachefs",
        "vfat", "exfat", "ntfs", "ntfs3", "fuseblk", "nfs", "nfs4", "cifs", "smb3", "overlay",
    };

    public static IReadOnlyList<MountEntry> Parse(string text)
    {
        var entries = new List<MountEntry>();
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var fields = lines[index].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            if (fields.Length < 3)
            {
                throw new NodeFileFormatException(
                    NodeFiles.Mounts, $"expected device, mount point and type, found {fields.Length} fields.", index + 1);
            }

            entries.Add(new MountEntry(Unescape(fields[0]), Unescape(fields[1]), fields[2]));
        }

        return entries;
    }

    /// <summary>Data filesystems, one per mount point (the last mount over a point is the one visible).</summary>
    public static IReadOnlyList<MountEntry> DataFilesystems(IEnumerable<MountEntry> mounts) =>
        [.. mounts
            .GroupBy(mount => mount.MountPoint, StringComparer.Ordinal)
            .Select(group => group.Last())
            .Where(mount => DataFilesystemTypes.Contains(mount.Type))];

    // The kernel writes space, tab, newline and backslash in paths as octal escapes such as \040.
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field.AsSpan(i + 1, 3)))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }

    private static bool IsOctal(ReadOnlySpan<char> digits)
    {
        foreach (var digit in digits)
        {
            if (digit is < '0' or > '7')
            {
                return false;
            }
        }

        return true;
    }
}
