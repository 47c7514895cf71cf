using System.Diagnostics;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using TraceApp.ServiceDefaults.Telemetry;

namespace TraceApp.Grpc.Server;

/// <summary>
/// The Server span of every gRPC request, served or not (an unknown method or a refused message still gets a
/// span with its status). A middleware rather than an interceptor because interceptors never see the calls
/// Grpc.AspNetCore answers itself; the status is read back from the trailers it wrote.
/// </summary>
internal sealed class GrpcServerTracingMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!GrpcRequests.IsGrpc(context.Request.ContentType))
        {
            await next(context);
            return;
        }

        var previous = Activity.Current;
        using var activity = GrpcTelemetry.StartServer(context.Request.Path.Value ?? "", context.Request.Headers, static (headers, key) =>
            headers.TryGetValue(key, out var values) ? values : (IEnumerable<string>?)null);
        if (activity is null)
        {
            await next(context); // nobody records: no status to read back
            return;
        }

        try
        {
            await next(context);
            var (code, message) = ReadStatus(context);
            GrpcTelemetry.Complete(activity, code, message);
        }
        catch (Exception exception)
        {
            activity.AddException(exception);
            GrpcTelemetry.Complete(activity, StatusCode.Internal, exception.GetType().Name);
            throw;
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    /// <summary>
    /// grpc-status is a trailer, or a header in a trailers-only response (an error before any message);
    /// a response without one (the client reset the stream) counts as cancelled.
    /// </summary>
    private static (StatusCode Code, string? Message) ReadStatus(HttpContext context)
    {
        var trailers = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        var status = First(trailers, "grpc-status") ?? First(context.Response.Headers, "grpc-status");
        var message = First(trailers, "grpc-message") ?? First(context.Response.Headers, "grpc-message");
        return int.TryParse(status, out var code)
            ? ((StatusCode)code, message is null ? null : Uri.UnescapeDataString(message))
            : (StatusCode.Cancelled, "the call ended without a status");
    }

    private static string? First(IHeaderDictionary? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out StringValues values) && values.Count > 0 ? values[0] : null;
}
