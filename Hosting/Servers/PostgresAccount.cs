using TraceApp.Hosting.Execution;

namespace TraceApp.Hosting.Servers;

/// <summary>
/// initdb and postgres refuse to run as root. When TraceApp runs as root, they run as the Debian
/// <c>postgres</c> user and the directories they write are handed to that user.
/// </summary>
internal static class PostgresAccount
{
    public const string UserName = "postgres";

    /// <summary>True when this process is root, so PostgreSQL programs must switch user.</summary>
    public static bool MustSwitchUser => Environment.IsPrivilegedProcess;

    /// <summary>
    /// <paramref name="binary"/> with <paramref name="arguments"/>, as root wrapped in
    /// <c>setpriv --reuid=postgres --regid=postgres --init-groups --</c>. setpriv execs the program in its own
    /// process, so signals sent to the started process reach PostgreSQL directly. (runuser stays as a parent
    /// that, on SIGTERM, forwards it and then SIGKILLs the child after 2 seconds, which turns a smart shutdown
    /// that waits for clients into a crash.)
    /// </summary>
    public static ProcessSpec Command(string name, string binary, IReadOnlyList<string> arguments)
    {
        var environment = new Dictionary<string, string?>();
        return MustSwitchUser
            ? new ProcessSpec(
                name,
                "setpriv",
                [$"--reuid={UserName}", $"--regid={UserName}", "--init-groups", "--", binary, .. arguments],
                environment)
            : new ProcessSpec(name, binary, arguments, environment);
    }

    /// <summary>As root, gives the paths (recursively) to postgres:postgres; otherwise does nothing.</summary>
    public static async Task GiveOwnershipAsync(IReadOnlyList<string> paths, CancellationToken ct)
    {
        if (!MustSwitchUser || paths.Count == 0)
        {
            return;
        }

        var chown = new ProcessSpec(
            "chown", "chown", ["-R", $"{UserName}:{UserName}", "--", .. paths], new Dictionary<string, string?>());
        await CommandRunner.RunAsync(chown, ct);
    }
}
