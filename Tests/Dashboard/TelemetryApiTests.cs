using System.Net;
using System.Text.Json;
using TraceApp.Dashboard.Otlp.Logs;
using TraceApp.Tests.Infrastructure;
using static TraceApp.Tests.Dashboard.OtlpRequests;

namespace TraceApp.Tests.Dashboard;

/// <summary>The JSON read API: OTLP/JSON-shaped answers, filters, validation and its keys.</summary>
public sealed class TelemetryApiTests
{
    [Fact]
    public async Task Traces_spans_and_logs_come_back_filtered_and_shaped_like_OTLP_JSON()
    {
        await using var dashboard = await DashboardPagesHost.StartAsync();
        var trace = TraceId(7);
        dashboard.Store.AddTraces(Traces("api",
            Span(trace, SpanId(1), null, "GET /jobs", startMs: 0, durationMs: 300),
            Span(trace, SpanId(2), SpanId(1), "jobs publish", startMs: 10, durationMs: 5)));
        dashboard.Store.AddTraces(Traces("worker", Span(TraceId(8), SpanId(1), null, "job.process", startMs: 50, durationMs: 20)));
        dashboard.Store.AddLogs(Logs("api", Log(12, SeverityNumber.Warn, "queue is slow", trace, SpanId(1)), Log(13, SeverityNumber.Info, "other")));

        var slow = await GetJsonAsync(dashboard, "/api/telemetry/traces?duration=%3E250ms");
        Assert.Equal(1, slow.GetProperty("totalCount").GetInt32());
        Assert.Equal(trace, slow.GetProperty("data")[0].GetProperty("traceId").GetString());
        Assert.Equal("GET /jobs", slow.GetProperty("data")[0].GetProperty("rootName").GetString());

        var detail = await GetJsonAsync(dashboard, $"/api/telemetry/traces/{trace}");
        var spans = detail.GetProperty("resourceSpans")[0].GetProperty("scopeSpans")[0].GetProperty("spans");
        Assert.Equal(["GET /jobs", "jobs publish"], spans.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(SpanId(1), spans[1].GetProperty("parentSpanId").GetString());
        Assert.Equal("queue is slow", detail.GetProperty("resourceLogs")[0].GetProperty("scopeLogs")[0]
            .GetProperty("logRecords")[0].GetProperty("body").GetProperty("stringValue").GetString());

        var workerSpans = await GetJsonAsync(dashboard, "/api/telemetry/spans?resource=worker");
        Assert.Equal(1, workerSpans.GetProperty("totalCount").GetInt32());
        var warnings = await GetJsonAsync(dashboard, $"/api/telemetry/logs?level=warning&traceId={trace}");
        Assert.Equal(1, warnings.GetProperty("totalCount").GetInt32());
        var resources = await GetJsonAsync(dashboard, "/api/telemetry/resources");
        Assert.Equal(["api", "worker"], resources.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("name").GetString()).Order());
    }

    [Theory]
    [InlineData("/api/telemetry/traces?duration=fast", "duration")]
    [InlineData("/api/telemetry/logs?level=loud", "level")]
    [InlineData("/api/telemetry/spans?traceId=xyz", "traceId")]
    [InlineData("/api/telemetry/logs?from=yesterday", "from")]
    [InlineData("/api/telemetry/traces?take=many", "take")]
    public async Task A_bad_filter_is_a_validation_problem_naming_it(string url, string parameter)
    {
        await using var dashboard = await DashboardPagesHost.StartAsync();
        using var http = TestHttp.CreateClient();

        using var response = await http.GetAsync(new Uri(dashboard.Address, url));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), $"errors should name {parameter}");
    }

    [Fact]
    public async Task An_unknown_trace_is_404()
    {
        await using var dashboard = await DashboardPagesHost.StartAsync();
        using var http = TestHttp.CreateClient();

        using var response = await http.GetAsync(new Uri(dashboard.Address, $"/api/telemetry/traces/{TraceId(99)}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task With_browser_token_auth_the_api_takes_a_key_or_the_login_cookie()
    {
        await using var dashboard = await DashboardPagesHost.StartAsync(
            ("Dashboard:Frontend:AuthMode", "BrowserToken"), ("Dashboard:Frontend:BrowserToken", "token-1"),
            ("Dashboard:Api:PrimaryApiKey", "key-1"), ("Dashboard:Api:SecondaryApiKey", "key-2"));
        var url = new Uri(dashboard.Address, "/api/telemetry/resources");
        using var http = TestHttp.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendWithKeyAsync(http, url, "wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendWithKeyAsync(http, url, "key-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendWithKeyAsync(http, url, "key-2")).StatusCode);

        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true });
        var page = await browser.GetAsync(new Uri(dashboard.Address, "/traces"));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/login", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(new Uri(dashboard.Address, "/login?t=wrong"))).StatusCode);
        var login = await browser.GetAsync(new Uri(dashboard.Address, "/login?t=token-1"));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(url)).StatusCode);
    }

    private static async Task<HttpResponseMessage> SendWithKeyAsync(HttpClient http, Uri url, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("x-api-key", key);
        return await http.SendAsync(request);
    }

    private static async Task<JsonElement> GetJsonAsync(DashboardPagesHost dashboard, string url)
    {
        using var http = TestHttp.CreateClient();
        using var response = await http.GetAsync(new Uri(dashboard.Address, url));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
