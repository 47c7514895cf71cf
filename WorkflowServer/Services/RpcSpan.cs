using System.Diagnostics;
using Grpc.Core;
using TraceApp.WorkflowServer.Runs;
using TraceApp.WorkflowServer.Store;
using TraceApp.WorkflowServer.Telemetry;

namespace TraceApp.WorkflowServer.Services;

/// <summary>
/// Runs an RPC handler inside its snake_case span (a child of the ASP.NET Core Server span, so of the caller's
/// context). A refusal (<see cref="WorkflowRejection"/>) becomes its gRPC status: span status Error with the code
/// tagged and no exception event, as it is the caller's mistake, not the server's. An unreachable (or not yet
/// migrated) database is UNAVAILABLE, which clients retry. Anything else is recorded with an exception event and left
/// to the exception interceptor (INTERNAL).
/// </summary>
internal static class RpcSpan
{
    public static async Task<T> RunAsync<T>(string name, ServerCallContext context, Func<Activity?, Task<T>> handler)
    {
        using var activity = WorkflowServerTelemetry.Source.StartActivity(name);
        try
        {
            var response = await handler(activity);
            activity?.SetTag(WorkflowServerTelemetry.Tags.GrpcStatusCode, (int)StatusCode.OK);
            return response;
        }
        catch (WorkflowRejection rejection)
        {
            SetRefused(activity, rejection.Code, rejection.Message);
            throw rejection.ToRpcException();
        }
        catch (RpcException e)
        {
            SetRefused(activity, e.StatusCode, e.Status.Detail);
            throw;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            SetRefused(activity, StatusCode.Cancelled, "the call was cancelled");
            throw;
        }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e) && !context.CancellationToken.IsCancellationRequested)
        {
            SetRefused(activity, StatusCode.Unavailable, e.Message);
            activity?.AddException(e);
            var traceId = (activity ?? Activity.Current)?.TraceId.ToHexString();
            throw new RpcException(new Status(StatusCode.Unavailable, $"The workflow database is unavailable, try again (trace_id={traceId})."));
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            activity?.AddException(e);
            throw;
        }
    }

    /// <summary>The traceparent of <paramref name="activity"/> (or of the current span when this one is not created).</summary>
    public static string? TraceParentOf(Activity? activity) =>
        (activity ?? Activity.Current) is { IdFormat: ActivityIdFormat.W3C } span ? span.Id : null;

    private static void SetRefused(Activity? activity, StatusCode code, string message)
    {
        activity?.SetStatus(ActivityStatusCode.Error, message);
        activity?.SetTag(WorkflowServerTelemetry.Tags.GrpcStatusCode, (int)code);
    }
}
