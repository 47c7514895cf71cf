using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TraceApp.Dashboard.Configuration;
using TraceApp.Grpc.Server;

namespace TraceApp.Dashboard.Otlp;

/// <summary>
/// Hosts the OTLP receivers in any web application (the standalone dashboard, later the AppHost's):
/// <c>builder.AddDashboardOtlp()</c>, register an <see cref="IOtlpSink"/>, then <c>app.MapDashboardOtlp()</c>.
/// </summary>
public static partial class DashboardOtlpExtensions
{
    /// <summary>
    /// Reads <c>Dashboard:Otlp:*</c> (see <see cref="OtlpOptionsReader"/>) and adds the two Kestrel listeners, the
    /// gRPC services (on TraceApp's server defaults, with the configured message limit) and the API key check.
    /// </summary>
    /// <exception cref="DashboardConfigurationException">A setting is wrong; the message is one line.</exception>
    public static WebApplicationBuilder AddDashboardOtlp(this WebApplicationBuilder builder)
    {
        var options = OtlpOptionsReader.Read(builder.Configuration);
        var endpoints = new DashboardOtlpEndpoints(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(endpoints);
        builder.Services.AddSingleton(new OtlpApiKeyValidator(options));
        builder.AddGrpcServerDefaults();
        builder.Services.AddGrpc()
            .AddServiceOptions<OtlpTraceGrpcService>(grpc => grpc.MaxReceiveMessageSize = options.MaxRequestSize)
            .AddServiceOptions<OtlpLogsGrpcService>(grpc => grpc.MaxReceiveMessageSize = options.MaxRequestSize)
            .AddServiceOptions<OtlpMetricsGrpcService>(grpc => grpc.MaxReceiveMessageSize = options.MaxRequestSize);
        builder.WebHost.ConfigureKestrel(endpoints.Listen);
        return builder;
    }

    /// <summary>Maps OTLP/gRPC and OTLP/HTTP onto the registered <see cref="IOtlpSink"/>, each on its own listener.</summary>
    public static WebApplication MapDashboardOtlp(this WebApplication app)
    {
        var options = app.Services.GetService<OtlpOptions>()
            ?? throw new InvalidOperationException("Call builder.AddDashboardOtlp() before app.MapDashboardOtlp().");
        var sink = app.Services.GetService<IOtlpSink>()
            ?? throw new InvalidOperationException("Register an IOtlpSink (what receives the exports) before app.MapDashboardOtlp().");
        app.UseMiddleware<OtlpRequestGuardMiddleware>();
        app.MapGrpcService<OtlpTraceGrpcService>().WithMetadata(OtlpEndpointMetadata.Grpc).AllowAnonymous();
        app.MapGrpcService<OtlpLogsGrpcService>().WithMetadata(OtlpEndpointMetadata.Grpc).AllowAnonymous();
        app.MapGrpcService<OtlpMetricsGrpcService>().WithMetadata(OtlpEndpointMetadata.Grpc).AllowAnonymous();
        // Anonymous to the browser login: OTLP has its own key check (OtlpRequestGuardMiddleware).
        app.MapOtlpHttp(sink, options.MaxRequestSize).WithMetadata(OtlpEndpointMetadata.Http).AllowAnonymous();
        app.Lifetime.ApplicationStarted.Register(() => LogListening(app, options));
        return app;
    }

    private static void LogListening(WebApplication app, OtlpOptions options)
    {
        var endpoints = app.Services.GetRequiredService<DashboardOtlpEndpoints>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardOtlpExtensions).FullName!);
        LogReceivers(logger, endpoints.Grpc, endpoints.Http, options.AuthMode);
        if (options.AuthMode == OtlpAuthMode.Unsecured && !(endpoints.Grpc.IsLoopback && endpoints.Http.IsLoopback))
        {
            LogUnsecuredOnNetwork(logger, OtlpOptionsReader.AuthModeKey);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OTLP receivers: gRPC on {GrpcEndpoint}, HTTP on {HttpEndpoint}, authentication {AuthMode}")]
    private static partial void LogReceivers(ILogger logger, Uri grpcEndpoint, Uri httpEndpoint, OtlpAuthMode authMode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OTLP receivers accept unauthenticated exports on a non-loopback address; set {Setting} to ApiKey with a key")]
    private static partial void LogUnsecuredOnNetwork(ILogger logger, string setting);
}
