using System.Diagnostics;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using TraceApp.Tests.Grpc.Interop;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Grpc;

/// <summary>
/// Interop with a gRPC implementation we did not write, @grpc/grpc-js: its client calls our server, and our client
/// calls its server, the same ways (unary, server streaming, an error status, an expiring deadline, metadata both
/// ways, the standard health check).
/// </summary>
public sealed class GrpcNodeInteropTests(GrpcTestServer server) : IClassFixture<GrpcTestServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Node_client_calls_our_server_and_its_traceparent_is_continued()
    {
        var caller = TraceParent.New();
        await using var node = NodeScript.Start("grpc-client.mjs", $"{server.Address.Host}:{server.Address.Port}", caller.Header);
        Assert.Equal(0, await node.Exited.WaitAsync(Timeout));
        var results = JsonDocument.Parse(node.StandardOutput.Lines.Last()).RootElement;

        var unary = results.GetProperty("unary");
        Assert.Equal("hello", unary.GetProperty("reply").GetProperty("text").GetString());
        Assert.Equal(caller.Header, unary.GetProperty("reply").GetProperty("traceparent").GetString());
        Assert.Equal("from node", unary.GetProperty("headers").GetProperty("x-echo-header").GetString());
        Assert.Equal("from node", unary.GetProperty("trailers").GetProperty("x-echo-trailer").GetString());
        Assert.Equal([0, 1, 2], results.GetProperty("stream").GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()));
        AssertError(results.GetProperty("fail"), StatusCode.NotFound, "no such thing: ü 100%");
        AssertError(results.GetProperty("crash"), StatusCode.Internal);
        Assert.DoesNotContain("secret", results.GetProperty("crash").GetProperty("error").GetProperty("details").GetString(), StringComparison.Ordinal);
        AssertError(results.GetProperty("deadline"), StatusCode.DeadlineExceeded);
        AssertError(results.GetProperty("unknown"), StatusCode.Unimplemented);
        Assert.Equal("SERVING", results.GetProperty("health").GetProperty("reply").GetProperty("status").GetString());

        var traceId = ActivityTraceId.CreateFromString(caller.TraceId);
        var span = Assert.Single(await server.Spans.WaitForAsync(s => s.TraceId == traceId, Timeout));
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal("traceapp.interop.Echo/Unary", span.GetTagItem("rpc.method"));
        Assert.Equal(caller.SpanId, span.ParentSpanId.ToHexString());
        Assert.Equal("OK", span.GetTagItem("rpc.response.status_code"));
    }

    [Fact]
    public async Task Our_client_calls_a_node_server()
    {
        await using var node = NodeScript.Start("grpc-server.mjs");
        var ready = await node.StandardOutput.WaitForLineAsync(l => l.StartsWith('{'), Timeout);
        var address = new Uri($"http://127.0.0.1:{JsonDocument.Parse(ready).RootElement.GetProperty("port").GetInt32()}");
        var client = server.Channels.CreateClient(address, invoker => new Echo.EchoClient(invoker));
        var caller = TraceParent.New();

        EchoReply reply;
        Metadata headers, trailers;
        using (new Activity("test caller").SetParentId(caller.Header).Start())
        {
            using var call = client.UnaryAsync(new EchoRequest { Text = "hello", Payload = ByteString.CopyFromUtf8("bytes") },
                new Metadata { { "x-echo", "from dotnet" } }, DateTime.UtcNow.Add(Timeout));
            reply = await call;
            headers = await call.ResponseHeadersAsync;
            trailers = call.GetTrailers();
        }

        Assert.Equal("hello", reply.Text);
        Assert.Equal("bytes", reply.Payload.ToStringUtf8());
        Assert.Equal("from dotnet", headers.GetValue("x-echo-header"));
        Assert.Equal("from dotnet", trailers.GetValue("x-echo-trailer"));
        var traceId = ActivityTraceId.CreateFromString(caller.TraceId);
        var clientSpan = Assert.Single(await server.Spans.WaitForAsync(s => s.TraceId == traceId, Timeout));
        Assert.Equal(ActivityKind.Client, clientSpan.Kind);
        Assert.Equal("traceapp.interop.Echo/Unary", clientSpan.DisplayName);
        Assert.Equal($"00-{caller.TraceId}-{clientSpan.SpanId}-01", reply.Traceparent);

        var streamed = new List<int>();
        using (var stream = client.Stream(new StreamRequest { Text = "tick", Count = 4 }))
        {
            await foreach (var item in stream.ResponseStream.ReadAllAsync())
            {
                streamed.Add(item.Index);
            }
        }

        Assert.Equal([0, 1, 2, 3], streamed);
        var failed = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.FailAsync(new FailRequest { Code = (int)StatusCode.PermissionDenied, Message = "nope: ü 100%" }));
        Assert.Equal(StatusCode.PermissionDenied, failed.StatusCode);
        Assert.Equal("nope: ü 100%", failed.Status.Detail);
        var expired = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.WaitAsync(new WaitRequest { WaitMs = 30_000 }, deadline: DateTime.UtcNow.AddMilliseconds(200)));
        Assert.Equal(StatusCode.DeadlineExceeded, expired.StatusCode);
        var health = server.Channels.CreateClient(address, invoker => new Health.HealthClient(invoker));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
    }

    private static void AssertError(JsonElement result, StatusCode code, string? details = null)
    {
        var error = result.GetProperty("error");
        Assert.Equal((int)code, error.GetProperty("code").GetInt32());
        if (details is not null)
        {
            Assert.Equal(details, error.GetProperty("details").GetString());
        }
    }
}
