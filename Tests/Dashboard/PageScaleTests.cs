using TraceApp.Dashboard.Components.Metrics;
using TraceApp.Dashboard.Components.Traces;
using TraceApp.Dashboard.Storage;
using static TraceApp.Tests.Dashboard.OtlpRequests;
using StoredTraceId = TraceApp.Dashboard.Storage.TraceId;

namespace TraceApp.Tests.Dashboard;

/// <summary>Where the waterfall puts a span and where the metric chart puts a point.</summary>
public sealed class PageScaleTests
{
    [Fact]
    public void Waterfall_bars_are_placed_relative_to_the_whole_trace()
    {
        var store = new TelemetryStore();
        store.AddTraces(Traces("api",
            Span(TraceId(1), SpanId(1), null, "root", startMs: 0, durationMs: 200),
            Span(TraceId(1), SpanId(2), SpanId(1), "child", startMs: 50, durationMs: 100)));
        var detail = store.GetTrace(StoredTraceId.Parse(TraceId(1)))!;
        var child = detail.Spans.Single(n => n.Span.Name == "child").Span;

        var scale = new WaterfallScale(detail.Trace);

        Assert.Equal("25%", scale.Left(child));
        Assert.Equal("50%", scale.Width(child));
        Assert.Equal("0%", scale.Left(detail.Trace.Root));
        Assert.Equal("100%", scale.Width(detail.Trace.Root));
        Assert.Equal(50_000_000, scale.Offset(child.StartTimeUnixNano));
    }

    [Fact]
    public void A_zero_length_trace_still_draws_its_spans()
    {
        var store = new TelemetryStore();
        store.AddTraces(Traces("api", Span(TraceId(1), SpanId(1), null, "instant", startMs: 10, durationMs: 0)));
        var detail = store.GetTrace(StoredTraceId.Parse(TraceId(1)))!;

        var scale = new WaterfallScale(detail.Trace);

        Assert.Equal("0%", scale.Left(detail.Trace.Root));
        Assert.Equal("100%", scale.Width(detail.Trace.Root));
    }

    [Fact]
    public void The_chart_value_axis_starts_at_zero_and_steps_in_round_numbers()
    {
        var scale = new ChartScale(minTime: 1_000, maxTime: 11_000, minValue: 12, maxValue: 87);

        Assert.Equal([0, 50, 100], scale.ValueTicks());
        Assert.Equal(ChartScale.Left, scale.X(1_000));
        Assert.Equal(ChartScale.Width - ChartScale.Right, scale.X(11_000));
        Assert.Equal(ChartScale.Top, scale.Y(100));
        Assert.Equal(ChartScale.Height - ChartScale.Bottom, scale.Y(0));
    }

    [Fact]
    public void The_chart_copes_with_negative_values_a_flat_series_and_a_single_point()
    {
        var negative = new ChartScale(0, 10, -7, 3);
        var flat = new ChartScale(5, 5, 4, 4);

        Assert.True(negative.MinValue <= -7 && negative.MaxValue >= 3);
        Assert.True(flat.MaxTime > flat.MinTime);
        Assert.True(flat.MaxValue > flat.MinValue);
        Assert.True(double.IsFinite(flat.Y(4)) && double.IsFinite(flat.X(5)));
    }
}
