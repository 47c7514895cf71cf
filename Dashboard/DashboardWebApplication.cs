using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using TraceApp.Dashboard.Api;
using TraceApp.Dashboard.Configuration;
using TraceApp.Dashboard.Frontend;
using TraceApp.Dashboard.Otlp;
using TraceApp.Dashboard.Resources;
using TraceApp.Dashboard.Storage;

namespace TraceApp.Dashboard;

/// <summary>
/// The whole dashboard as one web application: the UI and read API (127.0.0.1:18888), the OTLP receivers
/// (gRPC 18889, HTTP 18890) and the telemetry store between them. The standalone program and the AppHost (which
/// passes its settings and its resources) both build it here.
/// </summary>
public static class DashboardWebApplication
{
    /// <summary>Static web assets (the framework's script, the stylesheet) are found by this name's manifests.</summary>
    public const string ApplicationName = "TraceApp.Dashboard";

    /// <param name="args">Command-line arguments (settings such as <c>--Dashboard:Otlp:AuthMode=ApiKey</c>).</param>
    /// <param name="settings">Settings that override every other source (the AppHost's ports and keys).</param>
    /// <param name="resources">
    /// The host's resources; null for a standalone dashboard. With them the dashboard is embedded: it leaves Ctrl+C and
    /// SIGTERM to the host, which stops it.
    /// </param>
    /// <exception cref="DashboardConfigurationException">A setting is wrong; the message is one line.</exception>
    public static WebApplication Create(string[] args, IReadOnlyDictionary<string, string?>? settings = null, IResourceSource? resources = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = ApplicationName,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        // Stopping must not wait the default 30 s on a browser's open circuit: the AppHost stops it last, on Ctrl+C.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.AddDashboardOtlp();
        builder.AddDashboardFrontend();
        AddTelemetryStore(builder);
        builder.Services.TryAddSingleton<IOtlpSink, TelemetryStoreOtlpSink>();
        if (resources is not null)
        {
            builder.Services.AddSingleton(resources);
            builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        }

        var app = builder.Build();
        app.MapDashboardOtlp();
        app.MapDashboardFrontend();
        app.MapTelemetryApi();
        return app;
    }

    private static void AddTelemetryStore(WebApplicationBuilder builder)
    {
        try
        {
            builder.Services.AddTelemetryStore(builder.Configuration);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            throw new DashboardConfigurationException(exception.Message.Split('\n')[0]);
        }
    }
}
