using System.Diagnostics;
using System.Text.Json;
using NATS.Client.Core;
using TraceApp.Tests.Infrastructure;
using TraceApp.Tests.Infrastructure.Telemetry;

namespace TraceApp.Tests.Messaging;

/// <summary>Interop with a NATS client we did not write: the npm <c>nats</c> package.</summary>
[Collection(NatsCollection.Name)]
public sealed class NatsNodeInteropTests(NatsServerFixture server)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private string[] ServerArgs() => [server.Server.Url, Infrastructure.Servers.NatsServerProcess.User, server.Server.Password];

    /// <summary>Subscribes with the processing loop, lets node publish, and returns what the handler saw.</summary>
    private async Task<(NatsHeaders? Headers, Activity? Current)> ReceiveFromNodeAsync(string subject, params string[] headers)
    {
        await using var nats = server.Connect();
        var received = new TaskCompletionSource<(NatsHeaders?, Activity?)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var loop = await NatsSubscriptions.StartAsync<string>(nats, subject, msg =>
        {
            received.TrySetResult((msg.Headers, Activity.Current));
            return ValueTask.CompletedTask;
        }, stop.Token);

        await using var node = NodeScript.Start("nats-publish.mjs", [.. ServerArgs(), subject, "from node", .. headers]);
        Assert.Equal(0, await node.Exited.WaitAsync(Timeout));
        var result = await received.Task.WaitAsync(Timeout);
        await stop.CancelAsync();
        await loop;
        return result;
    }

    [Fact]
    public async Task Message_published_by_node_with_a_traceparent_continues_the_trace_here()
    {
        using var recorder = new SpanRecorder(NatsTelemetry.SourceName, NatsSubscriptions.Processing.Name);
        var subject = $"interop.{Guid.NewGuid():N}";
        var caller = TraceParent.New();

        var (_, current) = await ReceiveFromNodeAsync(subject, $"traceparent={caller.Header}");

        var receive = Assert.Single(await recorder.Spans.WaitForAsync(s => s.DisplayName == $"{subject} receive", Timeout));
        Assert.Equal(caller.TraceId, receive.TraceId.ToHexString());
        Assert.Equal(caller.SpanId, receive.ParentSpanId.ToHexString());
        Assert.NotNull(current);
        Assert.Equal(receive.SpanId, current.ParentSpanId);
        Assert.Equal(receive.TraceId, current.TraceId);
    }

    [Fact]
    public async Task Processing_span_continues_nodes_traceparent_even_when_nats_spans_are_not_recorded()
    {
        using var recorder = new SpanRecorder(NatsSubscriptions.Processing.Name); // NATS.Net's source unheard: no receive span
        var subject = $"interop.{Guid.NewGuid():N}";
        var caller = TraceParent.New();

        var (_, current) = await ReceiveFromNodeAsync(subject, $"traceparent={caller.Header}");

        Assert.NotNull(current);
        Assert.Equal(caller.TraceId, current.TraceId.ToHexString());
        Assert.Equal(caller.SpanId, current.ParentSpanId.ToHexString());
    }

    [Fact]
    public async Task Malformed_traceparent_from_node_starts_a_new_trace_and_other_headers_arrive()
    {
        using var recorder = new SpanRecorder(NatsTelemetry.SourceName, NatsSubscriptions.Processing.Name);
        var subject = $"interop.{Guid.NewGuid():N}";

        var (headers, current) = await ReceiveFromNodeAsync(subject, "traceparent=00-not-a-valid-context-01", "x-custom=v1");

        Assert.Equal("v1", headers!["x-custom"]);
        var receive = Assert.Single(await recorder.Spans.WaitForAsync(s => s.DisplayName == $"{subject} receive", Timeout));
        Assert.Equal(default, receive.ParentSpanId);
        Assert.NotNull(current);
        Assert.Equal(receive.TraceId, current.TraceId);
    }

    [Fact]
    public async Task Message_published_here_reaches_node_with_the_traceparent_of_the_publish_span()
    {
        using var recorder = new SpanRecorder(NatsTelemetry.SourceName);
        await using var nats = server.Connect();
        var subject = $"interop.{Guid.NewGuid():N}";
        await using var node = NodeScript.Start("nats-subscribe.mjs", [.. ServerArgs(), subject]);
        await node.StandardOutput.WaitForLineAsync(l => l == "ready", Timeout);

        await nats.PublishAsync(subject, "from dotnet");

        var line = await node.StandardOutput.WaitForLineAsync(l => l.StartsWith('{'), Timeout);
        using var json = JsonDocument.Parse(line);
        var publish = Assert.Single(await recorder.Spans.WaitForAsync(s => s.DisplayName == $"{subject} publish", Timeout));
        Assert.Equal("from dotnet", json.RootElement.GetProperty("data").GetString());
        Assert.Equal(
            $"00-{publish.TraceId.ToHexString()}-{publish.SpanId.ToHexString()}-01",
            json.RootElement.GetProperty("headers").GetProperty("traceparent").GetString());
        Assert.Equal(0, await node.Exited.WaitAsync(Timeout));
    }
}
