using Microsoft.Playwright;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.AppHost;

/// <summary>Real Chromium on the real Aspire dashboard: what a person sees after logging in with the browser token.</summary>
[Collection(AppHostCollection.Name)]
public sealed class DashboardBrowserTests(AppHostFixture fixture)
{
    [Fact]
    public async Task TracesPageFindsTheRequestsTraceAndItsDetailShowsEverySpan()
    {
        var caller = TraceParent.New();
        await DashboardTraceTests.ApiVersionRequestAsync(fixture, caller);
        var spans = await fixture.Telemetry.GetTraceAsync(caller.TraceId);

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
            await page.Locator("input[name='traces-search']").FillAsync("GET /version");
            var row = page.Locator($"td[title*='Trace Id: {caller.TraceId}']");
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await Assertions.Expect(row).ToContainTextAsync("api: GET /version");

            await row.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(Url($"/traces/detail/{caller.TraceId}"));
            foreach (var span in spans)
            {
                // One waterfall row per span: "<resource>: <span name>".
                await Assertions.Expect(page.Locator($"td[title='{span.ServiceName}: {span.Name}']")).ToBeVisibleAsync();
            }

            Assert.Contains(spans, s => s.ServiceName == "api");
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
