using System.Globalization;
using System.Text;

namespace TraceApp.Benchmarks.Processes;

/// <summary>One process, identified by its id and start time (so a reused id is not taken for it).</summary>
internal sealed record ProcessInfo(int Id, int ParentId, ulong StartTicks, char State, string CommandLine)
{
    public bool IsZombie => State is 'Z' or 'X';
}

/// <summary>Linux's /proc: the processes of a running system, whether they are still alive, and their memory.</summary>
internal static class ProcessTable
{
    /// <summary>Every process (zombies included), with its command line ("" for kernel threads).</summary>
    public static IReadOnlyList<ProcessInfo> All()
    {
        List<ProcessInfo> all = [];
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && Read(id) is { } process)
            {
                all.Add(process);
            }
        }

        return all;
    }

    /// <summary>The process now running with this id, or null when there is none.</summary>
    public static ProcessInfo? Read(int id)
    {
        try
        {
            // "pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime
            // cstime priority nice threads itrealvalue starttime ...": comm may hold spaces, so split after its ')'.
            var stat = File.ReadAllText($"/proc/{id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var commandLine = File.ReadAllText($"/proc/{id}/cmdline").Replace('\0', ' ').TrimEnd();
            return new ProcessInfo(
                id,
                int.Parse(fields[1], CultureInfo.InvariantCulture),
                ulong.Parse(fields[19], CultureInfo.InvariantCulture),
                fields[0][0],
                commandLine);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone meanwhile
        }
    }

    /// <summary>True while the process runs (a zombie has exited: it only waits to be reaped).</summary>
    public static bool IsAlive(ProcessInfo process) =>
        Read(process.Id) is { } now && now.StartTicks == process.StartTicks && !now.IsZombie;

    /// <summary>
    /// The processes of one started system: <paramref name="rootId"/>, every process whose environment holds
    /// <paramref name="marker"/> (<c>NAME=value</c>; children inherit it even when they detach, as DCP does), and
    /// all their descendants (PostgreSQL's children overwrite their environment block with their title).
    /// </summary>
    public static IReadOnlyList<ProcessInfo> SystemOf(int rootId, string marker)
    {
        var all = All().Where(p => !p.IsZombie).ToList();
        var members = all.Where(p => p.Id == rootId || HasEnvironmentEntry(p.Id, marker)).Select(p => p.Id).ToHashSet();
        bool added;
        do
        {
            added = false;
            foreach (var process in all)
            {
                if (members.Contains(process.ParentId) && members.Add(process.Id))
                {
                    added = true;
                }
            }
        }
        while (added);

        return [.. all.Where(p => members.Contains(p.Id)).OrderBy(p => p.StartTicks).ThenBy(p => p.Id)];
    }

    /// <summary>Proportional set size (kB): private memory plus this process's share of pages shared with others.</summary>
    public static long? PssKilobytes(int id)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{id}/smaps_rollup"))
            {
                if (line.StartsWith("Pss:", StringComparison.Ordinal))
                {
                    return long.Parse(line["Pss:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }

    private static bool HasEnvironmentEntry(int id, string entry)
    {
        byte[] environment;
        try
        {
            environment = File.ReadAllBytes($"/proc/{id}/environ");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        var wanted = Encoding.UTF8.GetBytes(entry + "\0");
        var span = environment.AsSpan();
        var at = span.IndexOf(wanted);
        return at == 0 || (at > 0 && span[at - 1] == 0);
    }
}
