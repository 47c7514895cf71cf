using System.Text.RegularExpressions;
using TraceApp.Dashboard.Otlp.Logs;
using TraceApp.Dashboard.Otlp.Trace;
using static TraceApp.Tests.Dashboard.OtlpRequests;

namespace TraceApp.Tests.Dashboard;

/// <summary>The telemetry pages as the server renders them from the store: rows, filters, counts and the hooks browser tests use.</summary>
public sealed partial class DashboardPagesTests
{
    [Fact]
    public async Task Standalone_the_resources_page_lists_the_services_that_sent_telemetry()
    {
        await using var dashboard = await DashboardPagesHost.StartAsync();
        dashboard.Store.AddTraces(Traces("api", Span(TraceId(1), SpanId(1), null, "GET /version", startMs: 0, durationMs: 5)));
        dashboard.Store.AddTraces(Traces("worker", Span(TraceId(2), SpanId(1), null, "job.process", startMs: 0, durationMs: 5)));

        var html = await dashboard.GetPageAsync("/");

        Assert.Contains("Standalone: resources are the services that sent telemetry", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("<tr data-resource=").Length - 1);
        Assert.Contains(">api</td>", html, StringComparison.Ordinal);
        Assert.Contains(">worker</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_traces_page_lists_newest_first_and_says_how_many_older_traces_were_evicted()
    {
        await using var dashboard = await DashboardPagesHost.StartAsync(("Dashboard:TelemetryLimits:MaxTraces", "3"));
        for (var i = 1; i <= 5; i++)
        {
            dashboard.Store.AddTraces(Traces("api", Span(TraceId(i), SpanId(1), null, $"GET /jobs/{i}", startMs: i * 100, durationMs: 10)));
        }

        var html = await dashboard.GetPageAsync("/traces");

        Assert.Equal([TraceId(5), TraceId(4), TraceId(3)], Attributes(html, "trace-row", "data-trace-id"));
        Assert.Equal("3", Text(html, "total-count"));
        Assert.Equal("2", Text(html, "evicted-count"));
        Assert.Contains("older traces were evicted", html, StringComparison.Ordinal);
        Assert.Contains("api: GET /jobs/5", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_traces_page_filters_by_duration_from_the_query_string_and_shows_a_bad_filter_instead_of_failing()
    {
        await using var dashboard = await DashboardPagesHost.StartAsync();
        dashboard.Store.AddTraces(Traces("api", Span(TraceId(1), SpanId(1), null, "fast", startMs: 0, durationMs: 20)));
        dashboard.Store.AddTraces(Traces("api", Span(TraceId(2), SpanId(1), null, "slow", startMs: 100, durationMs: 400)));

        var slow = await dashboard.GetPageAsync("/traces?duration=" + Uri.EscapeDataString(">250ms"));
        var fast = await dashboard.GetPageAsync("/traces?duration=" + Uri.EscapeDataString("<=20ms"));
        var bad = await dashboard.GetPageAsync("/traces?duration=" + Uri.EscapeDataString(">>250"));

        Assert.Equal([TraceId(2)], Attributes(slow, "trace-row", "data-trace-id"));
        Assert.Contains("matching traces", slow, StringComparison.Ordinal);
        Assert.Equal([TraceId(1)], Attributes(fast, "trace-row", "data-trace-id"));
        Assert.Equal([TraceId(2), TraceId(1)], Attributes(bad, "trace-row", "data-trace-id"));
        Assert.Contains("Duration filter ignored", Text(bad, "filter-error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_traces_page_filters_by_resource_attribute_and_errors()
    {
        await using var dashboard = await DashboardPagesHost.StartAsync();
        var failed = Span(TraceId(2), SpanId(2), null, "job.process", startMs: 50, durationMs: 5, Attr("job.id", "7"));
        failed.Status = new Status { Code = Status.Types.StatusCode.Error, Message = "boom" };
        dashboard.Store.AddTraces(Traces("api", Span(TraceId(1), SpanId(1), null, "GET /version", startMs: 0, durationMs: 5)));
        dashboard.Store.AddTraces(Traces("worker", failed));

        var byResource = await dashboard.GetPageAsync("/traces?resource=worker");
        var byAttribute = await dashboard.GetPageAsync("/traces?attribute=" + Uri.EscapeDataString("job.id=7"));
        var errors = await dashboard.GetPageAsync("/traces?errors=true");

        Assert.Equal([TraceId(2)], Attributes(byResource, "trace-row", "data-trace-id"));
        Assert.Equal([TraceId(2)], Attributes(byAttribute, "trace-row", "data-trace-id"));
        Assert.Equal([TraceId(2)], Attributes(errors, "trace-row", "data-trace-id"));
        Assert.Contains("data-testid=\"trace-error\"", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_trace_page_shows_the_waterfall_nested_with_the_id_grep_hint_and_log_records()
    {
        await using var dashboard = await DashboardPagesHost.StartAsync();
        var trace = TraceId(9);
        dashboard.Store.AddTraces(Traces(
            Spans("cli", Span(trace, SpanId(1), null, "traceapp submit", startMs: 0, durationMs: 100)),
            Spans("api", Span(trace, SpanId(2), SpanId(1), "POST /jobs", startMs: 10, durationMs: 50)),
            Spans("worker", Span(trace, SpanId(3), SpanId(2), "job.process", startMs: 20, durationMs: 30, Attr("db.system", "postgresql")))));
        dashboard.Store.AddLogs(Logs("worker", Log(25, SeverityNumber.Info, "processing job 42", trace, SpanId(3))));

        var html = await dashboard.GetPageAsync($"/traces/{trace}");

        Assert.Equal(trace, Regex.Match(html, "data-testid=\"trace-id\"[^>]*value=\"(?<v>[^\"]*)\"").Groups["v"].Value);
        Assert.Equal($"grep trace_id={trace}", Text(html, "grep-hint"));
        Assert.Equal(["traceapp submit", "POST /jobs", "job.process"], Attributes(html, "span-row", "data-span-name"));
        Assert.Equal(["0.3rem", "1.2rem", "2.1rem"], Regex.Matches(html, "class=\"name\" style=\"padding-left: (?<v>[^\"]+)\"").Select(m => m.Groups["v"].Value));
        Assert.Equal("3", Text(html, "span-count"));
        Assert.Single(Regex.Matches(html, "data-testid=\"log-row\""));
        Assert.Contains("processing job 42", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/structuredlogs?traceId={trace}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_span_search_from_the_query_string_counts_its_matches_and_a_selected_span_shows_its_details()
    {
        await using var dashboard = await DashboardPagesHost.StartAsync();
        var trace = TraceId(9);
        var process = Span(trace, SpanId(2), SpanId(1), "job.process", startMs: 20, durationMs: 30, Attr("db.system", "postgresql"));
        process.Events.Add(new Span.Types.Event { Name = "exception", TimeUnixNano = At(30) });
        dashboard.Store.AddTraces(Traces("worker", Span(trace, SpanId(1), null, "root", startMs: 0, durationMs: 100), process));

        var html = await dashboard.GetPageAsync($"/traces/{trace}?search=postgres&spanId={SpanId(2)}");

        Assert.Equal("1 of 2 spans match", Text(html, "span-match-count"));
        Assert.Matches("class=\"row selected match *\" data-testid=\"span-row\" data-span-name=\"job.process\"", html);
        Assert.Matches("class=\"row  dim *\" data-testid=\"span-row\" data-span-name=\"root\"", html);
        Assert.Contains($"data-testid=\"span-details\" data-span-id=\"{SpanId(2)}\"", html, StringComparison.Ordinal);
        Assert.Contains("postgresql", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "data-testid=\"span-event\""));
    }

    [Theory]
    [InlineData("0000000000000000000000000000abcd", "was not found. It may have been evicted")]
    [InlineData("not-a-trace", "is not a trace id")]
    public async Task An_unknown_trace_says_so(string traceId, string expected)
    {
        await using var dashboard = await DashboardPagesHost.StartAsync();

        var html = await dashboard.GetPageAsync($"/traces/{traceId}");

        Assert.Contains(expected, Text(html, "trace-not-found"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Structured_logs_filter_by_trace_id_from_a_link_and_by_minimum_level()
    {
        await using var dashboard = await DashboardPagesHost.StartAsync();
        dashboard.Store.AddLogs(Logs("api",
            Log(1, SeverityNumber.Info, "first", TraceId(1)),
            Log(2, SeverityNumber.Warn, "second", TraceId(2)),
            Log(3, SeverityNumber.Error, "third")));

        var all = await dashboard.GetPageAsync("/structuredlogs");
        var byTrace = await dashboard.GetPageAsync($"/structuredlogs?traceId={TraceId(2)}");
        var warnings = await dashboard.GetPageAsync("/structuredlogs?level=Warning");
        var badTrace = await dashboard.GetPageAsync("/structuredlogs?traceId=xyz");

        Assert.Equal(3, Regex.Matches(all, "data-testid=\"log-row\"").Count);
        Assert.Equal([TraceId(2)], Attributes(byTrace, "log-row", "data-trace-id"));
        Assert.Contains($"href=\"/traces/{TraceId(2)}\"", byTrace, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(warnings, "data-testid=\"log-row\"").Count);
        Assert.Contains("Trace id filter ignored", Text(badTrace, "filter-error"), StringComparison.Ordinal);
        Assert.Equal("3", Text(badTrace, "total-count"));
    }

    [Fact]
    public async Task The_metrics_page_lists_instruments_and_charts_the_selected_one()
    {
        await using var dashboard = await DashboardPagesHost.StartAsync();
        for (var i = 1; i <= 3; i++)
        {
            dashboard.Store.AddMetrics(Metrics(Resource("api"), Counter("jobs.submitted", i * 1000, i * 10, Attr("queue", "default"))));
        }

        var list = await dashboard.GetPageAsync("/metrics");
        var selected = await dashboard.GetPageAsync("/metrics?resource=api&scope=TestMeter&instrument=jobs.submitted");

        Assert.Equal(["jobs.submitted"], Attributes(list, "instrument", "data-instrument-name"));
        Assert.Contains("data-testid=\"metric-chart\"", selected, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(selected, "data-testid=\"chart-line\""));
        Assert.Equal("30", Text(selected, "metric-value"));
        Assert.Contains("queue=default", selected, StringComparison.Ordinal);
    }

    /// <summary>An attribute of every element with this test id, in page order; the attribute must follow the test id.</summary>
    private static string[] Attributes(string html, string testId, string attribute) =>
        [.. Regex.Matches(html, $"data-testid=\"{testId}\"[^>]*? {attribute}=\"(?<v>[^\"]*)\"").Select(m => m.Groups["v"].Value)];

    /// <summary>The text of the first element with this test id (up to its first closing tag of the same name), tags removed.</summary>
    private static string Text(string html, string testId)
    {
        var match = Regex.Match(html, $"<(?<tag>\\w+)[^>]* data-testid=\"{testId}\"[^>]*>(?<v>.*?)</\\k<tag>>", RegexOptions.Singleline);
        Assert.True(match.Success, $"No element with data-testid=\"{testId}\".");
        return WhiteSpace().Replace(Tags().Replace(match.Groups["v"].Value, ""), " ").Trim();
    }

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
