using System.Globalization;

namespace TraceApp.Tests.Infrastructure;

/// <summary>Reads Linux's /proc to find processes by parent or process group, to prove nothing was left running.</summary>
public static class ProcessTable
{
    public static IReadOnlyList<int> ChildrenOf(int parentId) => [.. All().Where(p => p.ParentId == parentId).Select(p => p.Id)];

    public static IReadOnlyList<int> MembersOf(IEnumerable<int> groupIds)
    {
        var groups = groupIds.ToHashSet();
        return [.. All().Where(p => groups.Contains(p.GroupId) && p.State != 'Z').Select(p => p.Id)];
    }

    /// <summary>Waits (bounded) until no process of <paramref name="groupIds"/> is left; returns those still alive.</summary>
    public static async Task<IReadOnlyList<int>> WaitUntilGoneAsync(IReadOnlyCollection<int> groupIds, TimeSpan timeout)
    {
        try
        {
            await Eventually.WaitUntilAsync(() => MembersOf(groupIds).Count == 0, timeout, "the process groups to empty");
        }
        catch (TimeoutException)
        {
        }

        return MembersOf(groupIds);
    }

    private static IEnumerable<(int Id, int ParentId, int GroupId, char State)> All()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var id))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue;
            }

            // "pid (comm) state ppid pgrp ...": comm may contain spaces, so split after its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            yield return (id, int.Parse(fields[1], CultureInfo.InvariantCulture), int.Parse(fields[2], CultureInfo.InvariantCulture), fields[0][0]);
        }
    }
}
