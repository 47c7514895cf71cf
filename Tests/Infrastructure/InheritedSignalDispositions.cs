using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TraceApp.Tests.Infrastructure;

/// <summary>
/// A shell that starts a command in the background (<c>.ci/run &amp;</c>) makes it ignore SIGINT, and every process
/// it starts inherits that; .NET then installs no SIGINT handler at all, so a test sending SIGINT to an AppHost
/// (what Ctrl+C does) would wait forever. Before any test starts a process, an ignored SIGINT is set back to its
/// default, so the programs the tests start behave as they do when started from a terminal.
/// </summary>
internal static partial class InheritedSignalDispositions
{
    private const int SigInt = 2;
    private static readonly IntPtr SigDfl = IntPtr.Zero;
    private static readonly IntPtr SigIgn = new(1);

    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "Must run before any test starts a child process.")]
    internal static void RestoreIgnoredInterrupt()
    {
        // struct sigaction starts with the handler on Linux (x86-64 and arm64); 256 bytes is more than its size.
        var previous = new byte[256];
        if (SigAction(SigInt, IntPtr.Zero, previous) == 0 && BitConverter.ToInt64(previous, 0) == SigIgn)
        {
            Signal(SigInt, SigDfl);
        }
    }

    [LibraryImport("libc", EntryPoint = "sigaction")]
    private static partial int SigAction(int signal, IntPtr action, [Out] byte[] previous);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial IntPtr Signal(int signal, IntPtr handler);
}
