using System.Globalization;
using TraceApp.Dashboard.Storage;

namespace TraceApp.Dashboard.Components.Shared;

/// <summary>How the pages write durations, times, counts and values, so every page writes them alike.</summary>
public static class TelemetryFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary><c>850 ns</c>, <c>12.5 µs</c>, <c>1.23 ms</c>, <c>2.5 s</c>, <c>1m 5.2s</c>, <c>2h 3m</c>.</summary>
    public static string Duration(long nanoseconds) => nanoseconds switch
    {
        0 => "0 ms",
        < 1_000 => string.Create(Invariant, $"{nanoseconds} ns"),
        < 1_000_000 => string.Create(Invariant, $"{nanoseconds / 1e3:0.##} µs"),
        < 1_000_000_000 => string.Create(Invariant, $"{nanoseconds / 1e6:0.##} ms"),
        < 60_000_000_000 => string.Create(Invariant, $"{nanoseconds / 1e9:0.##} s"),
        < 3_600_000_000_000 => string.Create(Invariant, $"{nanoseconds / 60_000_000_000}m {nanoseconds % 60_000_000_000 / 1e9:0.#}s"),
        _ => string.Create(Invariant, $"{nanoseconds / 3_600_000_000_000}h {nanoseconds % 3_600_000_000_000 / 60_000_000_000}m"),
    };

    public static string Duration(TimeSpan duration) => Duration(duration.Ticks * 100);

    /// <summary>Local time of day with milliseconds, <c>HH:mm:ss.fff</c>.</summary>
    public static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("HH:mm:ss.fff", Invariant);

    /// <summary>Date, time and offset, for tooltips and details.</summary>
    public static string FullTime(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss.fff zzz", Invariant);

    public static string Count(long count) => count.ToString("N0", Invariant);

    /// <summary>A metric value: grouped digits and up to three decimals, or scientific notation when very large or small.</summary>
    public static string Number(double value) =>
        value != 0 && (Math.Abs(value) >= 1e15 || Math.Abs(value) < 1e-3)
            ? value.ToString("0.###e0", Invariant)
            : value.ToString("#,0.###", Invariant);

    /// <summary>The first characters of a trace id, enough to tell traces apart in a list.</summary>
    public static string ShortId(TraceId traceId) => traceId.ToString()[..7];
}
