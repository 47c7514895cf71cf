using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TraceApp.Grpc.Server;

public static class GrpcServerExtensions
{
    /// <summary>The largest message a server accepts or sends unless configured otherwise (gRPC's usual 4 MB).</summary>
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>
    /// gRPC services on ASP.NET Core with TraceApp's defaults: 4 MB message limits both ways (a larger message is
    /// RESOURCE_EXHAUSTED), unexpected handler exceptions answered as INTERNAL without their details (they are logged), a Server span per call,
    /// and the standard <c>grpc.health.v1.Health</c> service reporting the host's health checks. Map services
    /// with <c>MapGrpcService&lt;T&gt;()</c> and the health service with <see cref="MapGrpcHealthService"/>; they
    /// need an HTTP/2 endpoint (h2c: an endpoint with <c>Protocols=Http2</c>).
    /// </summary>
    public static IHostApplicationBuilder AddGrpcServerDefaults(
        this IHostApplicationBuilder builder, Action<GrpcServiceOptions>? configure = null)
    {
        builder.Services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = DefaultMaxMessageSize;
            options.MaxSendMessageSize = DefaultMaxMessageSize;
            options.EnableDetailedErrors = false;
            options.Interceptors.Add<GrpcServerExceptionInterceptor>();
            configure?.Invoke(options);
        });
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddTransient<IStartupFilter, GrpcServerTracingStartupFilter>();
        return builder;
    }

    /// <summary>Maps <c>grpc.health.v1.Health</c> (Check and Watch); service "" reports every registered check.</summary>
    public static IEndpointRouteBuilder MapGrpcHealthService(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcHealthChecksService();
        return endpoints;
    }

    /// <summary>Puts the tracing middleware first, so the span also covers what the gRPC stack answers itself.</summary>
    private sealed class GrpcServerTracingStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<GrpcServerTracingMiddleware>();
            next(app);
        };
    }
}
