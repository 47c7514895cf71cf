using Grpc.Core;

namespace TraceApp.Grpc.Client;

/// <summary>A response stream that ends the call's span when the stream ends (with the call's status) or fails.</summary>
internal sealed class TracedStreamReader<T>(IAsyncStreamReader<T> inner, CallSpan span, Func<Status> status) : IAsyncStreamReader<T>
{
    public T Current => inner.Current;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        try
        {
            if (await inner.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            var final = status();
            span.End(final.StatusCode, final.Detail);
            return false;
        }
        catch (RpcException exception)
        {
            span.End(exception.StatusCode, exception.Status.Detail);
            throw;
        }
    }
}
