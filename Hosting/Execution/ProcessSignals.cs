using System.Runtime.InteropServices;

namespace TraceApp.Hosting.Execution;

/// <summary>POSIX signals, which <see cref="System.Diagnostics.Process"/> cannot send (Kill is SIGKILL).</summary>
internal static partial class ProcessSignals
{
    private const int SigTerm = 15;

    /// <summary>Asks the process to stop gracefully; false if it is already gone.</summary>
    public static bool Terminate(int processId) => Kill(processId, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
