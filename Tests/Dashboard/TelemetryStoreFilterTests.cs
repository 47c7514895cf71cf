using TraceApp.Dashboard.Otlp.Trace;
using TraceApp.Dashboard.Storage;
using static TraceApp.Tests.Dashboard.OtlpRequests;

namespace TraceApp.Tests.Dashboard;

/// <summary>The filters of the Traces page: typed text parsed into filters, and the traces each one selects.</summary>
public sealed class TelemetryStoreFilterTests
{
    [Theory]
    [InlineData(">250ms", ComparisonOperator.GreaterThan, 250_000_000L)]
    [InlineData("<=1s", ComparisonOperator.LessThanOrEqual, 1_000_000_000L)]
    [InlineData("!=10ms", ComparisonOperator.NotEqual, 10_000_000L)]
    [InlineData("=0.5s", ComparisonOperator.Equal, 500_000_000L)]
    [InlineData(">=100us", ComparisonOperator.GreaterThanOrEqual, 100_000L)]
    [InlineData("<100µs", ComparisonOperator.LessThan, 100_000L)]
    [InlineData("< 1.5 m", ComparisonOperator.LessThan, 90_000_000_000L)]
    [InlineData("=42ns", ComparisonOperator.Equal, 42L)]
    [InlineData("duration>250MS", ComparisonOperator.GreaterThan, 250_000_000L)]
    [InlineData(" duration >= 2s ", ComparisonOperator.GreaterThanOrEqual, 2_000_000_000L)]
    public void Duration_filters_parse_every_operator_and_unit(string text, ComparisonOperator op, long nanoseconds)
    {
        var filter = DurationFilter.Parse(text);

        Assert.Equal(new DurationFilter(op, nanoseconds), filter);
        Assert.Equal(filter, DurationFilter.Parse(filter.ToString()));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("250ms", "does not start with a comparison operator")]
    [InlineData(">ms", "no valid number")]
    [InlineData(">-5ms", "no valid number")]
    [InlineData(">250", "no unit")]
    [InlineData(">250h", "unknown unit 'h'")]
    [InlineData(">1.2.3s", "no valid number")]
    [InlineData(">99999999999999999999s", "too long")]
    public void Malformed_duration_filters_say_what_is_wrong(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => DurationFilter.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(DurationFilter.TryParse(text, out _));
    }

    [Fact]
    public void A_duration_filter_error_shows_the_expected_form() =>
        Assert.Contains(
            "expected an operator (> < >= <= = !=) followed by a number and a unit (ns, us, µs, ms, s, m), e.g. '>250ms'",
            Assert.Throws<FormatException>(() => DurationFilter.Parse("slow")).Message,
            StringComparison.Ordinal);

    [Fact]
    public void Duration_filters_print_in_the_largest_exact_unit() =>
        Assert.Equal(
            [">250ms", "<=1s", "!=1500us", "=2m", ">=0ns"],
            new[] { ">250ms", "<=1000ms", "!=1.5ms", "=120s", ">=0s" }.Select(t => DurationFilter.Parse(t).ToString()));

    [Fact]
    public void Attribute_filters_split_at_the_first_equals_sign()
    {
        Assert.Equal(new AttributeFilter("http.route", "/api/jobs"), AttributeFilter.Parse("http.route=/api/jobs"));
        Assert.Equal(new AttributeFilter("query", "a=b"), AttributeFilter.Parse(" query = a=b"));
        Assert.Equal(new AttributeFilter("empty", ""), AttributeFilter.Parse("empty="));
        Assert.Contains("expected key=value", Assert.Throws<FormatException>(() => AttributeFilter.Parse("no separator")).Message, StringComparison.Ordinal);
        Assert.Contains("no attribute key", Assert.Throws<FormatException>(() => AttributeFilter.Parse("=value")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(">100ms", new[] { "slow", "slower" })]
    [InlineData(">=100ms", new[] { "slow", "slower", "exact" })]
    [InlineData("<100ms", new[] { "fast" })]
    [InlineData("<=100ms", new[] { "exact", "fast" })]
    [InlineData("=100ms", new[] { "exact" })]
    [InlineData("!=100ms", new[] { "slow", "slower", "fast" })]
    public void Each_duration_operator_selects_the_traces_it_names(string filter, string[] expected)
    {
        var store = new TelemetryStore();
        store.AddTraces(Traces("api",
            Span(TraceId(1), SpanId(1), null, "fast", 0, 99.999),
            Span(TraceId(2), SpanId(2), null, "exact", 1, 100),
            Span(TraceId(3), SpanId(3), null, "slow", 2, 100.001),
            Span(TraceId(4), SpanId(4), null, "slower", 3, 2_000)));

        var page = store.GetTraces(new TraceQuery { Duration = DurationFilter.Parse(filter) });

        Assert.Equal(expected.Order(), page.Items.Select(t => t.RootName).Order());
        Assert.Equal(expected.Length, page.TotalCount);
    }

    [Fact]
    public void Resource_name_attribute_time_and_error_filters_combine()
    {
        var store = new TelemetryStore();
        var failed = Span(TraceId(3), SpanId(31), SpanId(30), "job.process", 205, 10, Attr("job.operation", "resize"));
        failed.Status = new Status { Code = Status.Types.StatusCode.Error };
        store.AddTraces(Traces(
            Spans(Resource("api", "a1"),
                Span(TraceId(1), SpanId(10), null, "GET /jobs", 0, 300, Attr("http.route", "/jobs")),
                Span(TraceId(2), SpanId(20), null, "POST /jobs", 100, 50, Attr("http.route", "/jobs")),
                Span(TraceId(3), SpanId(30), null, "POST /jobs", 200, 400, Attr("http.route", "/jobs"))),
            Spans(Resource("worker", "w1"),
                Span(TraceId(1), SpanId(11), SpanId(10), "job.process", 5, 200, Attr("job.operation", "thumbnail")),
                failed)));
        store.AddTraces(Traces(Spans(Resource("worker", "w2"), Span(TraceId(4), SpanId(40), null, "timer", 300, 1))));

        Assert.Equal(["POST /jobs", "POST /jobs", "GET /jobs"], Names(store, new TraceQuery { Resource = "api" }));
        Assert.Equal(["timer", "POST /jobs", "GET /jobs"], Names(store, new TraceQuery { Resource = "WORKER" }));
        Assert.Equal(["timer"], Names(store, new TraceQuery { Resource = "worker-w2" }));
        Assert.Empty(Names(store, new TraceQuery { Resource = "nobody" }));
        Assert.Equal(["POST /jobs", "GET /jobs"], Names(store, new TraceQuery { Name = "JOB.PROC" }));
        Assert.Equal(["GET /jobs"], Names(store, new TraceQuery { Attributes = [AttributeFilter.Parse("job.operation=thumbnail")] }));
        Assert.Empty(Names(store, new TraceQuery { Attributes = [AttributeFilter.Parse("job.operation=thumb")] }));
        Assert.Equal(["timer"], Names(store, new TraceQuery { Attributes = [AttributeFilter.Parse("service.instance.id=w2")] }));
        Assert.Equal(
            ["POST /jobs"],
            Names(store, new TraceQuery { Attributes = [AttributeFilter.Parse("http.route=/jobs"), AttributeFilter.Parse("job.operation=resize")] }));
        Assert.Equal(["POST /jobs"], Names(store, new TraceQuery { ErrorsOnly = true }));
        Assert.Equal(
            ["POST /jobs", "POST /jobs"],
            Names(store, new TraceQuery { From = Epoch.AddMilliseconds(100), To = Epoch.AddMilliseconds(300) }));
        Assert.Equal(
            ["GET /jobs"],
            Names(store, new TraceQuery { Resource = "api", Duration = DurationFilter.Parse(">250ms"), To = Epoch.AddMilliseconds(200) }));
    }

    [Fact]
    public void Attribute_filters_find_exactly_the_traces_a_full_scan_finds()
    {
        // Traces split over several exports, so the shortcut that rules traces out must cover every export's spans.
        var random = new Random(7);
        var store = new TelemetryStore();
        for (var batch = 0; batch < 20; batch++)
        {
            store.AddTraces(Traces($"service{batch % 3}",
            [
                .. Enumerable.Range(0, 100).Select(i => Span(
                    TraceId(1 + random.Next(300)), SpanId(batch * 100 + i + 1), null, "span", batch, 1,
                    Attr("user", $"user{random.Next(50)}"), Attr("region", random.Next(2) == 0 ? "eu" : "us"), Attr("n", random.Next(1000)))),
            ]));
        }

        var everything = store.GetTraces(new TraceQuery { Take = int.MaxValue }).Items
            .Select(t => store.GetTrace(t.TraceId)!.Trace).ToList();
        foreach (var filter in new[] { "user=user7", "region=eu", "n=5", "user=nobody", "service.name=service1", "user=user7 region=us" })
        {
            var filters = filter.Split(' ').Select(AttributeFilter.Parse).ToList();
            var expected = everything.Count(t => filters.All(f => t.Spans.Any(s => f.IsMatch(s.Attributes) || f.IsMatch(s.Resource.Attributes))));

            Assert.Equal(expected, store.GetTraces(new TraceQuery { Attributes = filters }).TotalCount);
        }
    }

    private static string[] Names(TelemetryStore store, TraceQuery query) =>
        [.. store.GetTraces(query).Items.Select(t => t.RootName)];
}
