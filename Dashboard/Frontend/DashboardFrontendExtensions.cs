using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TraceApp.Dashboard.Components;
using TraceApp.Dashboard.Configuration;

namespace TraceApp.Dashboard.Frontend;

public static class DashboardFrontendExtensions
{
    /// <summary>The web UI (interactive server-rendered Razor components), the telemetry store it shows, and its browser authentication.</summary>
    public static FrontendOptions AddDashboardFrontend(this IHostApplicationBuilder builder)
    {
        var frontend = FrontendOptions.Read(builder.Configuration);
        // The framework's script (_framework/blazor.web.js) is a static web asset; outside Development it is only
        // found through the build's manifest when this is asked for explicitly.
        if (builder is WebApplicationBuilder web)
        {
            web.WebHost.UseStaticWebAssets();
        }

        var endpoint = new KestrelEndpoint(frontend.EndpointUri, HttpProtocols.Http1);
        builder.Services.AddSingleton(new FrontendEndpoint(endpoint));
        if (builder is WebApplicationBuilder kestrelHost)
        {
            kestrelHost.WebHost.ConfigureKestrel(endpoint.Listen);
        }

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddDashboardFrontendAuthentication(frontend);
        builder.Services.AddHostedService<LoginUrlAnnouncer>();
        return frontend;
    }

    public static WebApplication MapDashboardFrontend(this WebApplication app)
    {
        app.UseMiddleware<FrontendPortGuardMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapDashboardLogin();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
