using System.Diagnostics;

namespace TraceApp.Hosting.Orchestration;

/// <summary>
/// Kills every child process group if the host dies without stopping them (SIGKILL, crash). A small shell in its
/// own session reads the group ids of children from a pipe whose only writer is this process: when the host
/// exits for any reason the pipe closes, the read ends, and the shell sends SIGTERM, then SIGKILL, to each group.
/// After a normal stop the host writes "stopped" first and the shell exits at once.
/// </summary>
public sealed class OrphanWatchdog : IDisposable
{
    private const string Script = """
        groups=""
        while read -r group; do
          [ "$group" = stopped ] && exit 0
          groups="$groups $group"
        done
        for g in $groups; do kill -TERM -- "-$g" 2>/dev/null; done
        sleep 3
        for g in $groups; do kill -KILL -- "-$g" 2>/dev/null; done
        """;

    private readonly Process _watchdog;
    private readonly Lock _lock = new();

    public OrphanWatchdog()
    {
        var startInfo = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "bash", "-c", Script })
        {
            startInfo.ArgumentList.Add(argument);
        }

        _watchdog = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the orphan watchdog.");
    }

    public int ProcessId => _watchdog.Id;

    /// <summary>Puts a child's process group under watch.</summary>
    public void Watch(int processGroupId)
    {
        lock (_lock)
        {
            _watchdog.StandardInput.WriteLine(processGroupId);
            _watchdog.StandardInput.Flush();
        }
    }

    /// <summary>Every child was stopped: the watchdog exits without signalling anything.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _watchdog.StandardInput.WriteLine("stopped");
            _watchdog.StandardInput.Close();
        }

        _watchdog.Dispose();
    }
}
