using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TraceApp.Dashboard.Otlp;

/// <summary>
/// Runs before every OTLP endpoint (<see cref="OtlpEndpointMetadata"/>) and before its body is read: a request on
/// another listener than its transport's is 404 (the UI port or the other OTLP port serve no exports), and in ApiKey
/// mode a missing or wrong <c>x-otlp-api-key</c> is 401 for HTTP and UNAUTHENTICATED for gRPC.
/// </summary>
internal sealed partial class OtlpRequestGuardMiddleware(
    RequestDelegate next, DashboardOtlpEndpoints endpoints, OtlpApiKeyValidator keys, ILogger<OtlpRequestGuardMiddleware> logger)
{
    private const string GrpcUnauthenticated = "16";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<OtlpEndpointMetadata>() is not { } otlp)
        {
            await next(context);
            return;
        }

        if (context.Connection.LocalPort != endpoints.PortOf(otlp.Transport))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var check = keys.Check(context.Request.Headers[OtlpApiKeyValidator.HeaderName]);
        if (check == OtlpKeyCheck.Accepted)
        {
            await next(context);
            return;
        }

        var message = check == OtlpKeyCheck.Missing
            ? $"Missing {OtlpApiKeyValidator.HeaderName} header."
            : $"Invalid {OtlpApiKeyValidator.HeaderName} header.";
        LogUnauthenticated(logger, otlp.Transport, context.Request.Path.Value ?? "", context.Connection.RemoteIpAddress?.ToString(), message);
        if (otlp.Transport == OtlpTransport.Grpc)
        {
            // A trailers-only response: the status travels in the only HEADERS frame, which ends the stream.
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = GrpcUnauthenticated;
            context.Response.Headers["grpc-message"] = message;
            return;
        }

        await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, detail: message).ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OTLP/{Transport} export to {Path} from {Remote} refused: {Reason}")]
    private static partial void LogUnauthenticated(ILogger logger, OtlpTransport transport, string path, string? remote, string reason);
}
