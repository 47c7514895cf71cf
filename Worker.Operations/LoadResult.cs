namespace TraceApp.Worker.Operations;

/// <summary>/proc/loadavg: load averages over 1, 5 and 15 minutes and the scheduler's process counts.</summary>
/// <param name="RunningProcesses">Runnable threads right now.</param>
/// <param name="TotalProcesses">Threads that exist right now.</param>
public sealed record LoadResult(double Load1, double Load5, double Load15, int RunningProcesses, int TotalProcesses);
