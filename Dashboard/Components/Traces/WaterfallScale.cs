using System.Globalization;
using TraceApp.Dashboard.Storage;

namespace TraceApp.Dashboard.Components.Traces;

/// <summary>Places spans on the waterfall: times as percentages of the trace, from its first start to its last end.</summary>
public sealed class WaterfallScale(TelemetryTrace trace)
{
    public long StartUnixNano { get; } = trace.StartTimeUnixNano;

    public long DurationNanoseconds { get; } = trace.DurationNanoseconds;

    public double Percent(long unixNano) =>
        DurationNanoseconds == 0 ? 0 : Math.Clamp((unixNano - StartUnixNano) * 100.0 / DurationNanoseconds, 0, 100);

    public string Left(TelemetrySpan span) => Css(Percent(span.StartTimeUnixNano));

    public string Width(TelemetrySpan span) =>
        Css(DurationNanoseconds == 0 ? 100 : Math.Min(span.DurationNanoseconds * 100.0 / DurationNanoseconds, 100 - Percent(span.StartTimeUnixNano)));

    /// <summary>The time since the trace started, for labels such as "+12.5 ms".</summary>
    public long Offset(long unixNano) => Math.Max(0, unixNano - StartUnixNano);

    public static string Css(double percent) => percent.ToString("0.###", CultureInfo.InvariantCulture) + "%";
}
