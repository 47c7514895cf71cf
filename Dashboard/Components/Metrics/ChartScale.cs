using System.Globalization;

namespace TraceApp.Dashboard.Components.Metrics;

/// <summary>Maps times and values onto the chart's SVG coordinates, with round numbers for the value axis.</summary>
public sealed class ChartScale
{
    public const double Width = 800, Height = 240, Left = 72, Right = 12, Top = 10, Bottom = 26;

    public ChartScale(long minTime, long maxTime, double minValue, double maxValue)
    {
        MinTime = minTime;
        MaxTime = maxTime > minTime ? maxTime : minTime + 1_000_000_000;
        // Counts and durations read best from zero; a series that goes negative keeps its own floor.
        minValue = Math.Min(0, minValue);
        if (maxValue <= minValue)
        {
            maxValue = minValue + 1;
        }

        Step = RoundStep((maxValue - minValue) / 4);
        MinValue = Math.Floor(minValue / Step) * Step;
        MaxValue = Math.Ceiling(maxValue / Step) * Step;
    }

    public long MinTime { get; }

    public long MaxTime { get; }

    public double MinValue { get; }

    public double MaxValue { get; }

    /// <summary>Between the value axis' grid lines.</summary>
    public double Step { get; }

    public IEnumerable<double> ValueTicks()
    {
        for (var value = MinValue; value <= MaxValue + Step / 2; value += Step)
        {
            yield return value;
        }
    }

    public double X(long time) => Left + (time - MinTime) * (Width - Left - Right) / (MaxTime - MinTime);

    public double Y(double value) => Top + (MaxValue - value) * (Height - Top - Bottom) / (MaxValue - MinValue);

    public static string Css(double coordinate) => coordinate.ToString("0.#", CultureInfo.InvariantCulture);

    // 1, 2 or 5 times a power of ten.
    private static double RoundStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var residual = raw / magnitude;
        return magnitude * (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10);
    }
}
