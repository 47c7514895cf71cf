namespace TraceApp.Dashboard.Storage;

/// <summary>OTLP timestamps are nanoseconds since the Unix epoch; the store keeps them so and converts at the edges.</summary>
internal static class UnixNanos
{
    private const long NanosecondsPerTick = 100;

    /// <summary>OTLP sends unsigned values; anything past the year 2262 is clamped rather than wrapped negative.</summary>
    public static long FromOtlp(ulong nanos) => nanos > long.MaxValue ? long.MaxValue : (long)nanos;

    public static DateTimeOffset ToDateTimeOffset(long nanos) =>
        DateTimeOffset.UnixEpoch.AddTicks(Math.Min(nanos / NanosecondsPerTick, DateTimeOffset.MaxValue.Ticks - DateTimeOffset.UnixEpoch.Ticks));

    public static long FromDateTimeOffset(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return ticks > long.MaxValue / NanosecondsPerTick ? long.MaxValue
            : ticks < long.MinValue / NanosecondsPerTick ? long.MinValue
            : ticks * NanosecondsPerTick;
    }

    public static TimeSpan ToTimeSpan(long nanos) => TimeSpan.FromTicks(nanos / NanosecondsPerTick);
}
