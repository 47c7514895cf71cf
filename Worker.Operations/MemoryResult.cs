namespace TraceApp.Worker.Operations;

/// <summary>/proc/meminfo in bytes. <see cref="UsedBytes"/> is total minus available, as <c>free</c> counts it.</summary>
public sealed record MemoryResult(
    long TotalBytes, long AvailableBytes, long FreeBytes, long UsedBytes, long SwapTotalBytes, long SwapFreeBytes);
