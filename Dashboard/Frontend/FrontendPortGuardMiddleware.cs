using Microsoft.AspNetCore.Http;
using TraceApp.Dashboard.Configuration;
using TraceApp.Dashboard.Otlp;

namespace TraceApp.Dashboard.Frontend;

/// <summary>Pages, the read API and login answer only on the UI's listener, never on the OTLP ones.</summary>
internal sealed class FrontendPortGuardMiddleware(RequestDelegate next, FrontendEndpoint frontend)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<OtlpEndpointMetadata>() is null
            && context.Connection.LocalPort != frontend.Endpoint.Port)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }
}

/// <summary>The UI's listener (<c>Dashboard:Frontend:EndpointUrl</c>, 127.0.0.1:18888 by default).</summary>
public sealed record FrontendEndpoint(KestrelEndpoint Endpoint);
