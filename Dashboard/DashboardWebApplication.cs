using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TraceApp.Dashboard.Api;
using TraceApp.Dashboard.Frontend;
using TraceApp.Dashboard.Otlp;
using TraceApp.Dashboard.Storage;

namespace TraceApp.Dashboard;

/// <summary>
/// The whole dashboard as one web application: the UI and read API (127.0.0.1:18888), the OTLP receivers
/// (gRPC 18889, HTTP 18890) and the telemetry store between them. The standalone program and the AppHost (which
/// adds its resources through <paramref name="configure"/>) both build it here.
/// </summary>
public static class DashboardWebApplication
{
    /// <exception cref="Configuration.DashboardConfigurationException">A setting is wrong; the message is one line.</exception>
    public static WebApplication Create(WebApplicationOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(options);
        builder.AddDashboardOtlp();
        builder.AddDashboardFrontend();
        var limits = TelemetryStoreOptionsFrom(builder);
        builder.Services.TryAddSingleton(_ => new TelemetryStore(limits));
        builder.Services.TryAddSingleton<IOtlpSink, TelemetryStoreOtlpSink>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDashboardOtlp();
        app.MapDashboardFrontend();
        app.MapTelemetryApi();
        return app;
    }

    private static TelemetryStoreOptions TelemetryStoreOptionsFrom(WebApplicationBuilder builder)
    {
        try
        {
            var limits = builder.Configuration.GetSection(TelemetryStoreOptions.SectionName).Get<TelemetryStoreOptions>() ?? new TelemetryStoreOptions();
            limits.Validate();
            return limits;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            throw new Configuration.DashboardConfigurationException(exception.Message.Split('\n')[0]);
        }
    }
}
