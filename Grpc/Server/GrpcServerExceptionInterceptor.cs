using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace TraceApp.Grpc.Server;

/// <summary>
/// A handler's unexpected exception becomes INTERNAL (gRPC's code for a server bug; Grpc.AspNetCore alone answers
/// UNKNOWN) with a message that names the trace id but none of the exception's details, which are logged here.
/// An <see cref="RpcException"/> passes through: it is the handler's chosen status.
/// </summary>
internal sealed partial class GrpcServerExceptionInterceptor(ILogger<GrpcServerExceptionInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (IsUnexpected(exception, context))
        {
            throw Internal(exception, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception exception) when (IsUnexpected(exception, context))
        {
            throw Internal(exception, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception exception) when (IsUnexpected(exception, context))
        {
            throw Internal(exception, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception exception) when (IsUnexpected(exception, context))
        {
            throw Internal(exception, context);
        }
    }

    /// <summary>A cancellation the call asked for (deadline, client gone) is the stack's to report, not a bug.</summary>
    private static bool IsUnexpected(Exception exception, ServerCallContext context) =>
        exception is not RpcException
        && !(exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested);

    private RpcException Internal(Exception exception, ServerCallContext context)
    {
        Activity.Current?.AddException(exception);
        LogHandlerFailed(logger, exception, context.Method);
        var traceId = Activity.Current?.TraceId.ToHexString();
        return new RpcException(new Status(StatusCode.Internal,
            traceId is null ? "Internal server error." : $"Internal server error (trace_id={traceId})."));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC handler of {Method} failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string method);
}
