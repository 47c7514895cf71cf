using Microsoft.Playwright;
using TraceApp.Cli.Dashboard;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.AppHost;

/// <summary>Real Chromium on the real Aspire dashboard: what a person sees after logging in with the browser token.</summary>
[Collection(AppHostCollection.Name)]
public sealed class DashboardBrowserTests(AppHostFixture fixture)
{
    [Fact]
    public async Task TracesPageFindsAJobsTraceAndItsDetailShowsTheSpansOfApiAndWorker()
    {
        var caller = TraceParent.New();
        var (_, spans) = await JobTraceTests.SubmitHostnameJobAsync(fixture, caller);

        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        try
        {
            // The login URL the AppHost prints: the token becomes an auth cookie, then the dashboard opens.
            await page.GotoAsync(Url($"/login?t={fixture.BrowserToken}"));
            await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));

            await page.GotoAsync(Url("/traces"));
            // The search box (an <input> inside Fluent UI's text field) filters the list by trace name; each row's
            // name cell carries the full trace id in its tooltip.
            await page.Locator("input[name='traces-search']").FillAsync("POST /job");
            var row = page.Locator($"td[title*='Trace Id: {caller.TraceId}']");
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await Assertions.Expect(row).ToContainTextAsync("api: POST /job");

            await row.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(Url($"/traces/detail/{caller.TraceId}"));
            // Waterfall rows are titled "<resource>: <display name>" (messaging spans are shown by their destination,
            // e.g. "nats jobs.query._any"): the api's request, and as many worker rows as the worker sent spans. The
            // worker runs replicas, so its rows name the instance: "worker-abcd1234: …" (the resource column
            // says "worker-abcd1234" alone).
            var request = spans.Single(s => s.ServiceName == "api" && s.Kind == DashboardSpan.KindServer);
            await Assertions.Expect(page.Locator($"td[title='api: {request.Name}']")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("td[title^='worker-'][title*=': ']")).ToHaveCountAsync(spans.Count(s => s.ServiceName == "worker"));
            Assert.Contains(spans, s => s.ServiceName == "worker" && s.Name == "job.process");
            await HeadlessChromium.ScreenshotAsync(page, "apphost-dashboard-trace-detail");
        }
        catch
        {
            await HeadlessChromium.ScreenshotAsync(page, "apphost-dashboard-failure");
            throw;
        }
    }

    private string Url(string pathAndQuery) => new Uri(fixture.DashboardUrl, pathAndQuery).ToString();
}
