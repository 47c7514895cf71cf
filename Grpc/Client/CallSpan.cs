using System.Diagnostics;
using Grpc.Core;

namespace TraceApp.Grpc.Client;

/// <summary>The Client span of one call, ended exactly once by whichever outcome comes first.</summary>
internal sealed class CallSpan(Activity? activity)
{
    private int _ended;

    public async Task<T> ObserveAsync<T>(Task<T> response)
    {
        try
        {
            var result = await response.ConfigureAwait(false);
            End(StatusCode.OK, null);
            return result;
        }
        catch (RpcException exception)
        {
            End(exception.StatusCode, exception.Status.Detail);
            throw;
        }
    }

    /// <summary>The call's dispose action: a call disposed before its outcome ends the span as cancelled.</summary>
    public Action EndWhenDisposed(Action dispose) => () =>
    {
        dispose();
        End(StatusCode.Cancelled, "the call was disposed before it completed");
    };

    public void End(StatusCode code, string? message)
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            GrpcTelemetry.Complete(activity, code, message);
        }
    }
}
