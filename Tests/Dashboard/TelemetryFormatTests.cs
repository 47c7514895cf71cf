using System.Globalization;
using TraceApp.Dashboard.Components.Shared;
using TraceApp.Dashboard.Components.Traces;

namespace TraceApp.Tests.Dashboard;

/// <summary>How the pages write durations, times, numbers and colours.</summary>
public sealed class TelemetryFormatTests
{
    [Theory]
    [InlineData(0L, "0 ms")]
    [InlineData(850L, "850 ns")]
    [InlineData(12_500L, "12.5 µs")]
    [InlineData(1_234_567L, "1.23 ms")]
    [InlineData(250_000_000L, "250 ms")]
    [InlineData(2_500_000_000L, "2.5 s")]
    [InlineData(65_200_000_000L, "1m 5.2s")]
    [InlineData(7_380_000_000_000L, "2h 3m")]
    public void Durations_use_the_largest_unit_that_keeps_them_short(long nanoseconds, string expected) =>
        Assert.Equal(expected, TelemetryFormat.Duration(nanoseconds));

    [Fact]
    public void Times_are_local_with_milliseconds()
    {
        var time = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

        Assert.Equal(time.ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture), TelemetryFormat.Time(time));
        Assert.Matches(@"^\d\d:\d\d:\d\d\.678$", TelemetryFormat.Time(time));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1234.5678, "1,234.568")]
    [InlineData(-42, "-42")]
    [InlineData(0.0001, "1e-4")]
    [InlineData(2e15, "2e15")]
    public void Metric_values_are_grouped_or_scientific_when_very_large_or_small(double value, string expected) =>
        Assert.Equal(expected, TelemetryFormat.Number(value));

    [Fact]
    public void A_service_keeps_its_colour_across_processes()
    {
        // FNV-1a of the name; string.GetHashCode would change with every start.
        Assert.Equal(47, ResourceColor.Hue("api"));
        Assert.Equal(287, ResourceColor.Hue("worker"));
        Assert.NotEqual(ResourceColor.Hue("api"), ResourceColor.Hue("worker"));
    }
}
