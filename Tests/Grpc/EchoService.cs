using System.Collections.Concurrent;
using Grpc.Core;
using TraceApp.Tests.Grpc.Interop;

namespace TraceApp.Tests.Grpc;

/// <summary>What the test service saw: the connections calls arrived on and the waits its callers cancelled.</summary>
public sealed class EchoObservations
{
    private int _waiting;
    private int _cancelledWaits;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _connectionsByTag = new();

    public int Waiting => Volatile.Read(ref _waiting);

    public int CancelledWaits => Volatile.Read(ref _cancelledWaits);

    /// <summary>The HTTP/2 connections the Wait calls tagged <paramref name="tag"/> arrived on.</summary>
    public int ConnectionsUsedBy(string tag) => _connectionsByTag.TryGetValue(tag, out var ids) ? ids.Count : 0;

    internal void Arrived(string tag, ServerCallContext context) =>
        _connectionsByTag.GetOrAdd(tag, _ => new())[context.GetHttpContext().Connection.Id] = 0;

    internal void WaitStarted() => Interlocked.Increment(ref _waiting);

    internal void WaitEnded(bool cancelled)
    {
        Interlocked.Decrement(ref _waiting);
        if (cancelled)
        {
            Interlocked.Increment(ref _cancelledWaits);
        }
    }
}

/// <summary>TraceApp's side of Tests/Protos/interop.proto (the Node.js side is Tests/Interop/grpc-server.mjs).</summary>
public sealed class EchoService(EchoObservations observations) : Echo.EchoBase
{
    public override async Task<EchoReply> Unary(EchoRequest request, ServerCallContext context)
    {
        var echo = context.RequestHeaders.GetValue("x-echo");
        if (echo is not null)
        {
            await context.WriteResponseHeadersAsync(new Metadata { { "x-echo-header", echo } });
            context.ResponseTrailers.Add("x-echo-trailer", echo);
        }

        return new EchoReply { Text = request.Text, Payload = request.Payload, Traceparent = context.RequestHeaders.GetValue("traceparent") ?? "" };
    }

    public override async Task Stream(StreamRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        for (var index = 0; index < request.Count; index++)
        {
            await responseStream.WriteAsync(new EchoReply { Text = request.Text, Index = index }, context.CancellationToken);
        }
    }

    public override Task<EchoReply> Fail(FailRequest request, ServerCallContext context) =>
        request.Code < 0
            ? throw new InvalidOperationException(request.Message)
            : throw new RpcException(new Status((StatusCode)request.Code, request.Message));

    public override async Task<EchoReply> Wait(WaitRequest request, ServerCallContext context)
    {
        observations.Arrived(request.Tag, context);
        observations.WaitStarted();
        var cancelled = false;
        try
        {
            await Task.Delay(request.WaitMs, context.CancellationToken);
            return new EchoReply { Text = "waited" };
        }
        catch (OperationCanceledException)
        {
            cancelled = true;
            throw;
        }
        finally
        {
            observations.WaitEnded(cancelled);
        }
    }
}
