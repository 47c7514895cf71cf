using System.Globalization;
using System.Text;

namespace TraceApp.Tests.Infrastructure;

/// <summary>
/// A process as Linux's /proc showed it, identified by id and start time (clock ticks after boot), so that an id the
/// kernel hands out again later is never mistaken for it.
/// </summary>
public sealed record ProcessInfo(int Id, int ParentId, long StartTime, string Name, string CommandLine)
{
    /// <summary>Still running: the same process (id and start time) exists and is not a zombie.</summary>
    public bool IsAlive => ProcessFamily.Read(Id) is { } now && now.StartTime == StartTime && !ProcessFamily.IsDead(Id);

    public override string ToString() => $"{Id} {Name}: {CommandLine}";
}

/// <summary>
/// Finds every process a program started, including those that detached (new session, parent gone, adopted by
/// init): the program's descendants, every process whose environment carries a marker variable the test gave the
/// program (children inherit it), and their descendants (PostgreSQL's workers overwrite their environment).
/// </summary>
public static class ProcessFamily
{
    /// <summary>The processes now running that descend from <paramref name="roots"/> or carry <paramref name="marker"/> (NAME=value).</summary>
    public static IReadOnlyList<ProcessInfo> Find(IEnumerable<int> roots, string marker)
    {
        var all = All();
        var children = all.ToLookup(p => p.ParentId);
        var members = new Dictionary<int, ProcessInfo>();
        var pending = new Stack<int>(roots.Concat(all.Where(p => HasEnvironment(p.Id, marker)).Select(p => p.Id)));
        var byId = all.ToDictionary(p => p.Id);
        while (pending.TryPop(out var id))
        {
            if (byId.TryGetValue(id, out var process) && members.TryAdd(id, process))
            {
                foreach (var child in children[id])
                {
                    pending.Push(child.Id);
                }
            }
        }

        return [.. members.Values.Where(p => !IsDead(p.Id)).OrderBy(p => p.Id)];
    }

    public static IReadOnlyList<ProcessInfo> All()
    {
        var result = new List<ProcessInfo>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && Read(id) is { } process)
            {
                result.Add(process);
            }
        }

        return result;
    }

    /// <summary>The process with <paramref name="id"/> now, or null when there is none.</summary>
    public static ProcessInfo? Read(int id)
    {
        var fields = StatFields(id, out var name);
        if (fields is null)
        {
            return null;
        }

        string commandLine;
        try
        {
            commandLine = File.ReadAllText($"/proc/{id}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            commandLine = "";
        }

        // After "pid (comm) ": state is field 0, ppid 1, … starttime 19 (field 22 of proc(5)).
        return new ProcessInfo(
            id,
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            long.Parse(fields[19], CultureInfo.InvariantCulture),
            name!,
            commandLine.Length > 0 ? commandLine : $"[{name}]");
    }

    /// <summary>Gone, or a zombie (dead, only waiting for its parent to read its exit status).</summary>
    internal static bool IsDead(int id) => StatFields(id, out _) is not { } fields || fields[0] is "Z" or "X";

    /// <summary>True when the process's environment has the entry <paramref name="entry"/> (NAME=value), as far as it can be read.</summary>
    public static bool HasEnvironment(int id, string entry)
    {
        try
        {
            var environment = File.ReadAllBytes($"/proc/{id}/environ");
            var wanted = Encoding.UTF8.GetBytes(entry);
            var span = environment.AsSpan();
            while (span.Length > 0)
            {
                var end = span.IndexOf((byte)0);
                var variable = end < 0 ? span : span[..end];
                if (variable.SequenceEqual(wanted))
                {
                    return true;
                }

                span = end < 0 ? [] : span[(end + 1)..];
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone, or another user's process: not one of ours.
        }

        return false;
    }

    private static string[]? StatFields(int id, out string? name)
    {
        name = null;
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{id}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid …": comm may contain spaces and parentheses, so it ends at the last ')'.
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return null;
        }

        name = stat[(open + 1)..close];
        return stat[(close + 2)..].Split(' ');
    }
}
