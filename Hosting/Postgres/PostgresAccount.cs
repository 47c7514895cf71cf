using TraceApp.Hosting.Processes;

namespace TraceApp.Hosting.Postgres;

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
    /// process, so the stop signal the orchestrator sends reaches PostgreSQL itself. (runuser stays as a parent
    /// that, on SIGTERM, forwards it and SIGKILLs the child 2 seconds later, turning a shutdown into a crash.)
    /// </summary>
    public static CommandLine Command(string binary, IReadOnlyList<string> arguments) =>
        MustSwitchUser
            ? new CommandLine("setpriv", [$"--reuid={UserName}", $"--regid={UserName}", "--init-groups", "--", binary, .. arguments])
            : new CommandLine(binary, arguments);

    /// <summary>As root, gives the paths (recursively) to postgres:postgres; otherwise does nothing.</summary>
    public static async Task GiveOwnershipAsync(IReadOnlyList<string> paths, CancellationToken ct)
    {
        if (MustSwitchUser && paths.Count > 0)
        {
            await CommandRunner.RunAsync(new CommandLine("chown", ["-R", $"{UserName}:{UserName}", "--", .. paths]), ct);
        }
    }
}
