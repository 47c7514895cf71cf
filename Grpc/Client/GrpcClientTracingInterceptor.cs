using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace TraceApp.Grpc.Client;

/// <summary>
/// A Client span per call, with the caller's context written into the request metadata. The span ends with the
/// call's status: when a unary response (or its error) arrives, when a response stream ends or fails, or when the
/// caller disposes the call early.
/// </summary>
internal sealed class GrpcClientTracingInterceptor : Interceptor
{
    public override TResponse BlockingUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        using var activity = GrpcTelemetry.StartClient(context.Method.FullName);
        try
        {
            var response = continuation(request, WithTraceContext(context, activity));
            GrpcTelemetry.Complete(activity, StatusCode.OK, null);
            return response;
        }
        catch (RpcException exception)
        {
            GrpcTelemetry.Complete(activity, exception.StatusCode, exception.Status.Detail);
            throw;
        }
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var previous = Activity.Current;
        var activity = GrpcTelemetry.StartClient(context.Method.FullName);
        if (activity is null && !GrpcTelemetry.HasContextToPropagate())
        {
            return continuation(request, context); // nothing to record or carry: no wrapping at all
        }

        var call = StartCall(activity, previous, () => continuation(request, WithTraceContext(context, activity)));
        var span = new CallSpan(activity);
        return new AsyncUnaryCall<TResponse>(
            span.ObserveAsync(call.ResponseAsync), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers,
            span.EndWhenDisposed(call.Dispose));
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        var previous = Activity.Current;
        var activity = GrpcTelemetry.StartClient(context.Method.FullName);
        if (activity is null && !GrpcTelemetry.HasContextToPropagate())
        {
            return continuation(request, context);
        }

        var call = StartCall(activity, previous, () => continuation(request, WithTraceContext(context, activity)));
        var span = new CallSpan(activity);
        return new AsyncServerStreamingCall<TResponse>(
            new TracedStreamReader<TResponse>(call.ResponseStream, span, call.GetStatus), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers,
            span.EndWhenDisposed(call.Dispose));
    }

    private static ClientInterceptorContext<TRequest, TResponse> WithTraceContext<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, Activity? activity)
        where TRequest : class
        where TResponse : class
    {
        // A copy: the caller's Metadata instance may be reused for other calls.
        var headers = new Metadata();
        foreach (var entry in context.Options.Headers ?? [])
        {
            headers.Add(entry);
        }

        GrpcTelemetry.Inject(activity, headers);
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers));
    }

    /// <summary>
    /// The span is current only while the call starts: the caller's code after the call is not part of it.
    /// </summary>
    private static T StartCall<T>(Activity? activity, Activity? previous, Func<T> start)
    {
        try
        {
            return start();
        }
        catch (Exception exception)
        {
            activity?.AddException(exception);
            GrpcTelemetry.Complete(activity, StatusCode.Internal, exception.Message);
            throw;
        }
        finally
        {
            Activity.Current = previous;
        }
    }
}
