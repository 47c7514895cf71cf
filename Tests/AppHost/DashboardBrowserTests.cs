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
        // Submitted by the CLI so the trace has a name no other test gives its traces: the suite leaves hundreds of
        // "api: POST /job" traces, and the dashboard's virtualized list does not render rows far from the top.
        var folder = Directory.CreateDirectory(Path.Combine(fixture.Workspace, "browser"));
        await using var cli = await TraceApp.Tests.Cli.CliProcess.RunAsync(new Dictionary<string, string?>(), folder.FullName, "client", "job", "add", "node.hostname");
        Assert.True(await cli.Exited == 0, TraceApp.Tests.Cli.CliProcess.Describe(cli));
        var traceId = TraceApp.Tests.Cli.CliProcess.TraceIdOf(cli);
        var spans = await fixture.Telemetry.WaitForSpansAsync(
            traceId,
            received => received.Any(s => s.Name == "job.process") && received.Any(s => s.ServiceName == "api" && s.Kind == DashboardSpan.KindServer)
                && received.All(s => s.ParentSpanId is null || received.Any(p => p.SpanId == s.ParentSpanId)),
            TimeSpan.FromSeconds(60),
            "the CLI's job add trace down to the worker's job.process");

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
            await page.Locator("input[name='traces-search']").FillAsync("traceapp client job add");
            var row = page.Locator($"td[title*='Trace Id: {traceId}']");
            await Assertions.Expect(row).ToHaveCountAsync(1);
            await Assertions.Expect(row).ToContainTextAsync("traceapp-cli: traceapp client job add");

            await row.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(Url($"/traces/detail/{traceId}"));
            // Waterfall rows are titled "<resource>: <display name>" (messaging spans are shown by their destination,
            // e.g. "nats jobs.query._any"): the api's request, and as many worker rows as the worker sent spans. The
            // worker runs replicas, so its rows name the instance: "worker-abcd1234: …" (the resource column
            // says "worker-abcd1234" alone).
            var request = spans.Single(s => s.ServiceName == "api" && s.Kind == DashboardSpan.KindServer);
            await Assertions.Expect(page.Locator($"td[title='api: {request.Name}']")).ToBeVisibleAsync();
            // The worker may still be exporting spans of this job (the CLI's add returns before the job runs): compare
            // the page with what the dashboard holds at the same moment, not with the snapshot taken above.
            var workerRows = page.Locator("td[title^='worker-'][title*=': ']");
            await Eventually.WaitUntilAsync(
                async () => await workerRows.CountAsync() == (await fixture.Telemetry.GetTraceAsync(traceId)).Count(s => s.ServiceName == "worker"),
                TimeSpan.FromSeconds(20),
                "the trace page to show one row for every worker span the dashboard holds");
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
