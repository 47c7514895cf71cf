using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using TraceApp.Tests.Grpc.Interop;
using TraceApp.Tests.Infrastructure;
using TraceApp.Tests.Infrastructure.Telemetry;

namespace TraceApp.Tests.Grpc;

/// <summary>
/// TraceApp's gRPC client calling TraceApp's gRPC server: calls, statuses, deadlines, metadata, and the spans the
/// packages record (GrpcNetClient instrumentation on the client, ASP.NET Core instrumentation on the server).
/// </summary>
public sealed class GrpcCallTests(GrpcTestServer server) : IClassFixture<GrpcTestServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Unary_call_carries_metadata_both_ways_and_continues_the_callers_trace()
    {
        var caller = TraceParent.New();
        var client = server.CreateClient();
        EchoReply reply;
        Metadata headers, trailers;
        ActivitySpanId callerSpan;
        using (var callerActivity = new Activity("test caller").SetParentId(caller.Header).Start())
        {
            callerSpan = callerActivity.SpanId;
            using var call = client.UnaryAsync(
                new EchoRequest { Text = "hello", Payload = ByteString.CopyFrom(1, 2, 3) },
                new Metadata { { "x-echo", "from dotnet" } },
                deadline: DateTime.UtcNow.Add(Timeout));
            reply = await call;
            headers = await call.ResponseHeadersAsync;
            trailers = call.GetTrailers();
        }

        Assert.Equal("hello", reply.Text);
        Assert.Equal([1, 2, 3], reply.Payload.ToByteArray());
        Assert.Equal("from dotnet", headers.GetValue("x-echo-header"));
        Assert.Equal("from dotnet", trailers.GetValue("x-echo-trailer"));

        var (clientSpan, serverSpan) = await CallSpansAsync(caller);
        Assert.Equal("traceapp.interop.Echo/Unary", clientSpan.DisplayName);
        Assert.Equal(callerSpan, clientSpan.ParentSpanId);
        Assert.Equal(clientSpan.SpanId, serverSpan.ParentSpanId);
        Assert.Equal($"00-{caller.TraceId}-{clientSpan.SpanId}-01", reply.Traceparent);
        foreach (var span in new[] { clientSpan, serverSpan })
        {
            Assert.Equal("grpc", span.GetTagItem("rpc.system.name"));
            Assert.Equal("traceapp.interop.Echo/Unary", span.GetTagItem("rpc.method"));
            Assert.Equal("OK", span.GetTagItem("rpc.response.status_code"));
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
        }

        // One span per side: the HTTP/2 request under the client span is not recorded separately.
        Assert.Equal(2, server.Spans.OfTrace(ActivityTraceId.CreateFromString(caller.TraceId)).Count);
    }

    /// <summary>
    /// The call's Client span (GrpcNetClient instrumentation) and Server span (ASP.NET Core instrumentation). The
    /// server span's name is asserted where one provider runs (Programs/HealthEndpointTests): with several hosts in
    /// this process, each provider's ASP.NET Core instrumentation renames the same activity, and the last one to
    /// see it has no gRPC method tag left to name it by; its <c>rpc.method</c> attribute stays.
    /// </summary>
    private async Task<(Activity Client, Activity Server)> CallSpansAsync(TraceParent caller)
    {
        var traceId = ActivityTraceId.CreateFromString(caller.TraceId);
        var spans = await server.Spans.WaitForAsync(s => s.TraceId == traceId, Timeout, count: 2);
        return (Assert.Single(spans, s => s.Kind == ActivityKind.Client), Assert.Single(spans, s => s.Kind == ActivityKind.Server));
    }

    [Fact]
    public async Task Server_streaming_call_delivers_every_message_and_ends_its_span_with_the_stream()
    {
        var caller = TraceParent.New();
        var replies = new List<EchoReply>();
        using (new Activity("test caller").SetParentId(caller.Header).Start())
        {
            using var call = server.CreateClient().Stream(new StreamRequest { Text = "tick", Count = 5 }, deadline: DateTime.UtcNow.Add(Timeout));
            await foreach (var reply in call.ResponseStream.ReadAllAsync())
            {
                replies.Add(reply);
            }
        }

        Assert.Equal([0, 1, 2, 3, 4], replies.Select(r => r.Index));
        var (clientSpan, serverSpan) = await CallSpansAsync(caller);
        Assert.All([clientSpan, serverSpan], s => Assert.Equal("traceapp.interop.Echo/Stream", s.GetTagItem("rpc.method")));
        Assert.All([clientSpan, serverSpan], s => Assert.Equal("OK", s.GetTagItem("rpc.response.status_code")));
        Assert.Equal(clientSpan.SpanId, serverSpan.ParentSpanId);
    }

    [Fact]
    public async Task Error_status_reaches_the_caller_with_code_and_message_and_marks_the_client_span()
    {
        var caller = TraceParent.New();
        const string message = "no such thing: ü 100% \"quoted\"";
        RpcException error;
        using (new Activity("test caller").SetParentId(caller.Header).Start())
        {
            error = await Assert.ThrowsAsync<RpcException>(async () =>
                await server.CreateClient().FailAsync(new FailRequest { Code = (int)StatusCode.NotFound, Message = message }));
        }

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal(message, error.Status.Detail);
        var (clientSpan, serverSpan) = await CallSpansAsync(caller);
        Assert.All([clientSpan, serverSpan], s => Assert.Equal("NOT_FOUND", s.GetTagItem("rpc.response.status_code")));
        Assert.Equal(ActivityStatusCode.Error, clientSpan.Status);
        Assert.Equal("NOT_FOUND", clientSpan.GetTagItem("error.type"));
        // The RPC semantic conventions: NOT_FOUND is the caller's problem, not a server error.
        Assert.Equal(ActivityStatusCode.Unset, serverSpan.Status);
    }

    [Fact]
    public async Task Handler_exception_is_internal_without_its_details_and_recorded_on_the_server_span()
    {
        var caller = TraceParent.New();
        RpcException error;
        using (new Activity("test caller").SetParentId(caller.Header).Start())
        {
            error = await Assert.ThrowsAsync<RpcException>(async () =>
                await server.CreateClient().FailAsync(new FailRequest { Code = -1, Message = "secret connection string" }));
        }

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.DoesNotContain("secret", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal($"Internal server error (trace_id={caller.TraceId}).", error.Status.Detail); // what to grep the server log for
        var (_, serverSpan) = await CallSpansAsync(caller);
        Assert.Equal(ActivityStatusCode.Error, serverSpan.Status);
        var exception = Assert.Single(serverSpan.Events, e => e.Name == "exception");
        Assert.Contains(exception.Tags, t => t.Key == "exception.type" && Equals(t.Value, typeof(InvalidOperationException).FullName));
    }

    [Fact]
    public async Task Deadline_expires_as_deadline_exceeded_and_cancels_the_handler()
    {
        var cancelledBefore = server.Observations.CancelledWaits;

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await server.CreateClient().WaitAsync(new WaitRequest { WaitMs = 30_000 }, deadline: DateTime.UtcNow.AddMilliseconds(200)));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await Eventually.WaitUntilAsync(() => server.Observations.CancelledWaits > cancelledBefore, Timeout, "the handler to see its cancellation");
    }

    [Fact]
    public async Task Cancelling_the_call_cancels_it_on_both_sides()
    {
        var cancelledBefore = server.Observations.CancelledWaits;
        using var cancel = new CancellationTokenSource();
        var call = server.CreateClient().WaitAsync(new WaitRequest { WaitMs = 30_000 }, cancellationToken: cancel.Token);
        await Eventually.WaitUntilAsync(() => server.Observations.Waiting > 0, Timeout, "the call to reach the handler");

        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await call);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await Eventually.WaitUntilAsync(() => server.Observations.CancelledWaits > cancelledBefore, Timeout, "the handler to see its cancellation");
    }

    [Fact]
    public async Task Unknown_method_is_unimplemented()
    {
        var method = new Method<EchoRequest, EchoReply>(MethodType.Unary, "traceapp.interop.Echo", "Missing",
            Marshallers.Create(r => r.ToByteArray(), EchoRequest.Parser.ParseFrom),
            Marshallers.Create(r => r.ToByteArray(), EchoReply.Parser.ParseFrom));
        var invoker = server.Channels.GetChannel(server.Address).CreateCallInvoker();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await invoker.AsyncUnaryCall(method, null, new CallOptions(), new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task Message_over_the_limit_is_resource_exhausted()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await server.CreateClient().UnaryAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[5 * 1024 * 1024]) }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Standard_health_check_reports_serving()
    {
        var health = server.Channels.CreateClient(server.Address, invoker => new Health.HealthClient(invoker));

        var response = await health.CheckAsync(new HealthCheckRequest { Service = "" });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task More_streams_than_one_connection_allows_open_a_second_connection()
    {
        // Kestrel allows 100 concurrent streams per HTTP/2 connection; 150 pending calls need a second one.
        const int calls = 150;
        var client = server.CreateClient();
        var tag = Guid.NewGuid().ToString("N");
        var waitingBefore = server.Observations.Waiting;
        using var release = new CancellationTokenSource();
        var pending = Enumerable.Range(0, calls)
            .Select(_ => client.WaitAsync(new WaitRequest { WaitMs = 60_000, Tag = tag }, cancellationToken: release.Token).ResponseAsync)
            .ToList();

        await Eventually.WaitUntilAsync(() => server.Observations.Waiting >= waitingBefore + calls, Timeout, $"{calls} calls in flight");
        var used = server.Observations.ConnectionsUsedBy(tag);
        await release.CancelAsync();
        foreach (var call in pending)
        {
            await Assert.ThrowsAsync<RpcException>(() => call);
        }

        Assert.True(used >= 2, $"{calls} concurrent calls used {used} connection(s)");
    }
}
