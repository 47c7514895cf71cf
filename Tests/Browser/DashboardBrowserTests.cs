using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using TraceApp.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace TraceApp.Tests.Browser;

/// <summary>
/// The dashboard in real headless Chromium, on a running AppHost model: log in with the printed token, see the
/// resources, follow a program's console, and find a trace produced by a real request. Screenshots are saved
/// under TestResults/screenshots.
/// </summary>
public sealed class DashboardBrowserTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Login_needs_the_token_then_shows_the_hosts_resources()
    {
        var (context, page) = await fixture.NewPageAsync(logIn: false);
        await using var _ = context;

        await page.GotoAsync(fixture.Dashboard.FrontendUrl.ToString());
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#token", "not-the-token");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not valid");

        await page.GotoAsync(fixture.Dashboard.LoginUrl.ToString());
        foreach (var resource in new[] { "nats", "postgres", "traceapp", "workflowserver", "api", "worker" })
        {
            await Expect(page.Locator($"tr[data-resource='{resource}']")).ToBeVisibleAsync();
        }

        await Expect(page.Locator("tr[data-resource='api']")).ToContainTextAsync("Healthy");
        await HeadlessChromium.ScreenshotAsync(page, "resources");
    }

    [Fact]
    public async Task Stop_and_start_buttons_control_a_program_and_the_row_follows()
    {
        var (context, page) = await fixture.NewPageAsync();
        await using var _ = context;
        var worker = page.Locator("tr[data-resource='worker']");
        await Expect(worker).ToContainTextAsync("Healthy");

        await worker.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();
        await Expect(worker).ToContainTextAsync("Exited", new() { Timeout = (float)Timeout.TotalMilliseconds });
        await HeadlessChromium.ScreenshotAsync(page, "resource-stopped");

        await worker.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(worker).ToContainTextAsync("Healthy", new() { Timeout = (float)Timeout.TotalMilliseconds });
        await fixture.App.WaitForResourceHealthyAsync("worker");

        // Environment values of secrets are masked; the connection string's password is not on the page.
        await worker.GetByRole(AriaRole.Button, new() { Name = "Environment" }).ClickAsync();
        await Expect(page.GetByText("ConnectionStrings__nats")).ToBeVisibleAsync();
        var natsPassword = new Uri(await fixture.App.GetConnectionStringAsync("nats")).UserInfo.Split(':')[1];
        Assert.DoesNotContain(Uri.UnescapeDataString(natsPassword), await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_logs_follow_a_program_live()
    {
        var (context, page) = await fixture.NewPageAsync();
        await using var _ = context;

        await page.GotoAsync(new Uri(fixture.Dashboard.FrontendUrl, "/consolelogs/api").ToString());
        await Expect(page.GetByTestId("console-log")).ToContainTextAsync("Now listening on");

        // A request makes the Api write a new line; the open page shows it without a reload.
        var caller = await fixture.RequestVersionAsync();
        await Expect(page.GetByTestId("console-log")).ToContainTextAsync($"trace_id={caller.TraceId}", new() { Timeout = (float)Timeout.TotalMilliseconds });
        await HeadlessChromium.ScreenshotAsync(page, "console-logs");
    }

    [Fact]
    public async Task A_real_requests_trace_is_listed_then_its_waterfall_span_search_and_logs_work()
    {
        var (context, page) = await fixture.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync(new Uri(fixture.Dashboard.FrontendUrl, "/traces").ToString());
        await Expect(page.GetByTestId("live-toggle")).ToBeVisibleAsync(); // interactive: the list now follows the store

        var caller = await fixture.RequestVersionAsync();
        var row = page.Locator($"[data-testid='trace-row'][data-trace-id='{caller.TraceId}']");
        await Expect(row).ToBeVisibleAsync(new() { Timeout = (float)Timeout.TotalMilliseconds });
        await Expect(row).ToContainTextAsync("GET /version");
        await HeadlessChromium.ScreenshotAsync(page, "traces");

        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.GetByTestId("trace-id")).ToHaveValueAsync(caller.TraceId);
        await Expect(page.Locator("[data-testid='span-row'][data-span-name='GET /version']")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("grep-hint")).ToContainTextAsync($"grep trace_id={caller.TraceId}");

        await page.GetByTestId("span-search").FillAsync("http.route");
        await page.GetByTestId("span-search").PressAsync("Enter");
        await Expect(page.GetByTestId("span-match-count")).ToContainTextAsync("1 of 1 spans match");
        await page.GetByTestId("span-search").FillAsync("no-such-attribute-value");
        await page.GetByTestId("span-search").PressAsync("Enter");
        await Expect(page.GetByTestId("span-match-count")).ToContainTextAsync("0 of 1 spans match");
        await HeadlessChromium.ScreenshotAsync(page, "trace-detail");

        await page.GotoAsync(new Uri(fixture.Dashboard.FrontendUrl, $"/structuredlogs?traceId={caller.TraceId}").ToString());
        var logRows = page.GetByTestId("log-row");
        await Expect(logRows.First).ToBeVisibleAsync(new() { Timeout = (float)Timeout.TotalMilliseconds });
        foreach (var traceId in await logRows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.traceId)"))
        {
            Assert.Equal(caller.TraceId, traceId);
        }

        await HeadlessChromium.ScreenshotAsync(page, "structured-logs");
    }

    [Fact]
    public async Task The_apis_request_duration_histogram_is_charted_on_the_metrics_page()
    {
        var (context, page) = await fixture.NewPageAsync();
        await using var _ = context;
        await fixture.RequestVersionAsync();

        await page.GotoAsync(new Uri(fixture.Dashboard.FrontendUrl, "/metrics").ToString());
        // The Api's instrument (WorkflowServer and Worker have one of the same name).
        var link = page.Locator("[data-testid='instrument'][data-instrument-name='http.server.request.duration'] a[href*='resource=api-']");
        await Expect(link).ToBeVisibleAsync(new() { Timeout = (float)Timeout.TotalMilliseconds });
        await page.GotoAsync((await link.GetAttributeAsync("href"))!);

        await Expect(page.GetByTestId("metric-chart")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("metric-series-row").First).ToBeVisibleAsync();
        await HeadlessChromium.ScreenshotAsync(page, "metrics");
    }

    [Fact]
    public async Task Read_api_needs_a_key_and_returns_the_trace_of_a_real_request()
    {
        var caller = await fixture.RequestVersionAsync();
        using var http = TestHttp.CreateClient();
        var traceUrl = new Uri(fixture.Dashboard.FrontendUrl, $"/api/telemetry/traces/{caller.TraceId}");

        using (var anonymous = await http.GetAsync(traceUrl))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        JsonElement trace = default;
        await Eventually.WaitUntilAsync(() =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, traceUrl);
            request.Headers.Add("x-api-key", fixture.Dashboard.ApiKey);
            using var response = http.Send(request);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            trace = JsonDocument.Parse(response.Content.ReadAsStream()).RootElement.Clone();
            return true;
        }, Timeout, "the request's trace in the dashboard");

        var span = trace.GetProperty("resourceSpans")[0].GetProperty("scopeSpans")[0].GetProperty("spans")[0];
        Assert.Equal("GET /version", span.GetProperty("name").GetString());
        Assert.Equal(caller.SpanId, span.GetProperty("parentSpanId").GetString());
    }
}
