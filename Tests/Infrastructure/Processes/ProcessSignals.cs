using System.Runtime.InteropServices;

namespace TraceApp.Tests.Infrastructure.Processes;

/// <summary>POSIX signals, which <see cref="System.Diagnostics.Process"/> cannot send (Kill is SIGKILL).</summary>
internal static partial class ProcessSignals
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>Signals one process; false if it is already gone.</summary>
    public static bool Send(int processId, int signal) => Kill(processId, signal) == 0;

    /// <summary>Signals every process of the group led by <paramref name="groupId"/>; false if none is left.</summary>
    public static bool SignalGroup(int groupId, int signal) => Kill(-groupId, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
