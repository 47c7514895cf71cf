using TraceApp.Dashboard.Components.Shared;
using TraceApp.Dashboard.Storage;

namespace TraceApp.Tests.Dashboard;

/// <summary>What the filter boxes and the time range choice make of what is typed or linked.</summary>
public sealed class PageFilterTests
{
    [Fact]
    public void Filter_text_that_parses_becomes_a_filter_and_anything_else_an_error_instead_of_an_exception()
    {
        var errors = new List<string>();

        Assert.Equal([new AttributeFilter("http.route", "/jobs")], FilterText.Attributes(" http.route=/jobs ", errors));
        Assert.Equal(DurationFilter.Parse(">=250ms"), FilterText.Duration(">=250ms", errors));
        Assert.Equal(TraceId.Parse("0123456789abcdef0123456789abcdef"), FilterText.TraceId("0123456789ABCDEF0123456789ABCDEF", errors));
        Assert.Empty(errors);

        Assert.Empty(FilterText.Attributes("no-equals-sign", errors));
        Assert.Null(FilterText.Duration("250", errors));
        Assert.Null(FilterText.TraceId("abc", errors));
        Assert.Collection(errors,
            e => Assert.StartsWith("Attribute filter ignored: ", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Duration filter ignored: '250' does not start with a comparison operator", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Trace id filter ignored: 'abc' is not a trace id", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_filter_boxes_filter_nothing()
    {
        var errors = new List<string>();

        Assert.Empty(FilterText.Attributes(" ", errors));
        Assert.Null(FilterText.Duration("", errors));
        Assert.Null(FilterText.TraceId(null, errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void A_time_range_counts_back_from_now_and_anything_unknown_means_all()
    {
        var now = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(now.AddMinutes(-15), TimeRange.Start("15m", now));
        Assert.Equal(now.AddHours(-1), TimeRange.Start("1h", now));
        Assert.Null(TimeRange.Start(TimeRange.All, now));
        Assert.Null(TimeRange.Start("3d", now));
        Assert.Equal(TimeRange.All, TimeRange.Normalize("3d"));
        Assert.Equal("5m", TimeRange.Normalize("5m"));
    }
}
