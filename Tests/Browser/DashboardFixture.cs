using Microsoft.Playwright;
using TraceApp.AppHost;
using TraceApp.Hosting.Testing;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Browser;

/// <summary>The AppHost's own model with its dashboard (free ports, temporary data) and one headless Chromium.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public TestingApplication App { get; private set; } = null!;

    public HeadlessChromium Chromium { get; private set; } = null!;

    public global::TraceApp.Hosting.Dashboard.DashboardHost Dashboard => App.Application.Dashboard
        ?? throw new InvalidOperationException("The dashboard is not running.");

    /// <summary>A real request to the Api's /version under a fresh trace (the caller's span is the root's parent).</summary>
    public async Task<TraceParent> RequestVersionAsync()
    {
        using var address = App.CreateHttpClient("api");
        using var http = TestHttp.CreateClient();
        var caller = TraceParent.New();
        using var response = await http.SendAsync(caller.Get(address.BaseAddress!, "/version"));
        response.EnsureSuccessStatusCode();
        return caller;
    }

    /// <summary>A fresh browser context (its own cookies), logged in unless asked not to, with generous timeouts.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> NewPageAsync(bool logIn = true)
    {
        var context = await Chromium.Browser.NewContextAsync();
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        if (logIn)
        {
            await page.GotoAsync(Dashboard.LoginUrl.ToString());
        }

        return (context, page);
    }

    public async Task InitializeAsync()
    {
        App = await DistributedApplicationTestingBuilder.CreateAsync(builder => builder.AddTraceAppModel(), withDashboard: true);
        await App.StartAsync();
        foreach (var resource in new[] { "api", "worker", "workflowserver" })
        {
            await App.WaitForResourceHealthyAsync(resource);
        }

        Chromium = await HeadlessChromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        await App.DisposeAsync();
    }
}
