using Microsoft.AspNetCore.Diagnostics;

namespace TraceApp.Api.Infrastructure;

/// <summary>
/// The one place where an unreachable (or not yet migrated) database or NATS becomes a 503 ProblemDetails instead
/// of a 500: PostgreSQL may start after the Api, which then answers 503 until it is up and migrated. The reason is
/// logged on one line; the response names the dependency, never the connection string.
/// </summary>
internal sealed partial class DependencyUnavailableExceptionHandler(
    IProblemDetailsService problemDetails, ILogger<DependencyUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (DependencyFailure.Describe(exception) is not { } dependency)
        {
            return false;
        }

        LogUnavailable(dependency, httpContext.Request.Method, httpContext.Request.Path, exception.Message.ReplaceLineEndings(" "));
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = $"The {dependency} is unavailable; try again later.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Dependency} unavailable for {Method} {Path}: {Reason}")]
    private partial void LogUnavailable(string dependency, string method, string path, string reason);
}
