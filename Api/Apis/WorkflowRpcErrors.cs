using Grpc.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TraceApp.Api.Apis;

/// <summary>
/// The workflow server's gRPC statuses as ProblemDetails: INVALID_ARGUMENT 400, NOT_FOUND 404, FAILED_PRECONDITION and
/// ALREADY_EXISTS 409, each with the server's message as the detail. UNAVAILABLE and DEADLINE_EXCEEDED are not
/// answered here: they reach <c>DependencyUnavailableExceptionHandler</c> (503), like a database outage; anything
/// else is a 500.
/// </summary>
internal static class WorkflowRpcErrors
{
    public static bool IsAnswerable(RpcException exception) =>
        exception.StatusCode is StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.FailedPrecondition or StatusCode.AlreadyExists;

    public static ProblemHttpResult Problem(RpcException exception)
    {
        var (status, title) = exception.StatusCode switch
        {
            StatusCode.InvalidArgument => (StatusCodes.Status400BadRequest, "Bad request"),
            StatusCode.NotFound => (StatusCodes.Status404NotFound, "Workflow not found"),
            StatusCode.FailedPrecondition => (StatusCodes.Status409Conflict, "Workflow state conflict"),
            StatusCode.AlreadyExists => (StatusCodes.Status409Conflict, "Workflow already exists"),
            _ => throw new ArgumentException($"{exception.StatusCode} is not answered as a problem.", nameof(exception)),
        };
        return TypedResults.Problem(statusCode: status, title: title, detail: exception.Status.Detail,
            extensions: new Dictionary<string, object?> { ["grpcStatus"] = exception.StatusCode.ToString() });
    }
}
