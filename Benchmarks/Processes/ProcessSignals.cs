using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TraceApp.Benchmarks.Processes;

/// <summary>POSIX signals, which <see cref="System.Diagnostics.Process"/> cannot send (its Kill is SIGKILL).</summary>
internal static partial class ProcessSignals
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    private static readonly IntPtr SigDfl = IntPtr.Zero;
    private static readonly IntPtr SigIgn = new(1);

    /// <summary>Signals one process; false if it is already gone.</summary>
    public static bool Send(int processId, int signal) => Kill(processId, signal) == 0;

    /// <summary>Signals every process of the group led by <paramref name="groupId"/> (what Ctrl+C in a terminal does).</summary>
    public static bool SendToGroup(int groupId, int signal) => Kill(-groupId, signal) == 0;

    /// <summary>
    /// A process started in the background by a non-interactive shell inherits SIGINT ignored, and so would every
    /// program the benchmarks start: the AppHost would then never see the SIGINT the stop benchmark sends. Set
    /// back to its default before anything is started, so children behave as they do under a terminal.
    /// </summary>
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "Must run before any child process is started.")]
    internal static void RestoreIgnoredInterrupt()
    {
        // struct sigaction starts with the handler on Linux (x86-64 and arm64); 256 bytes is more than its size.
        var previous = new byte[256];
        if (SigAction(SigInt, IntPtr.Zero, previous) == 0 && BitConverter.ToInt64(previous, 0) == SigIgn)
        {
            Signal(SigInt, SigDfl);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "sigaction")]
    private static partial int SigAction(int signal, IntPtr action, [Out] byte[] previous);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial IntPtr Signal(int signal, IntPtr handler);
}
