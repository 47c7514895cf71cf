using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TraceApp.Grpc.Server;

public static class GrpcServerExtensions
{
    /// <summary>The largest message a server accepts or sends unless configured otherwise (gRPC's usual 4 MB).</summary>
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>
    /// gRPC services on ASP.NET Core with what TraceApp adds to Grpc.AspNetCore's defaults: 4 MB message limits both
    /// ways, stated rather than left to the package's default (a larger message is RESOURCE_EXHAUSTED); no detailed
    /// errors; an unexpected handler exception answered as INTERNAL naming only the trace id (Grpc.AspNetCore alone
    /// answers UNKNOWN), logged and recorded on the request's span; and the standard <c>grpc.health.v1.Health</c>
    /// service reporting the host's health checks. Spans are not ours: the ASP.NET Core instrumentation
    /// (ServiceDefaults) records each call as a Server span <c>package.Service/Method</c>, continuing the caller's
    /// <c>traceparent</c>, with <c>rpc.*</c> attributes and a status from <c>grpc-status</c>, including calls the
    /// stack answers itself (unknown method, oversized message). Map services with <c>MapGrpcService&lt;T&gt;()</c>
    /// and the health service with <see cref="MapGrpcHealthService"/>; they need an HTTP/2 endpoint (h2c: an
    /// endpoint with <c>Protocols=Http2</c>).
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
        return builder;
    }

    /// <summary>Maps <c>grpc.health.v1.Health</c> (Check and Watch); service "" reports every registered check.</summary>
    public static IEndpointRouteBuilder MapGrpcHealthService(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcHealthChecksService();
        return endpoints;
    }
}
