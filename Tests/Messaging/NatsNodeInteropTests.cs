using System.Text.Json;
using TraceApp.Messaging;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Messaging;

/// <summary>Interop with a NATS client we did not write: the npm <c>nats</c> package.</summary>
public sealed class NatsNodeInteropTests(NatsServerFixture server) : IClassFixture<NatsServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private string[] ServerArgs()
    {
        var uri = new Uri(server.ConnectionString);
        var credentials = uri.UserInfo.Split(':');
        return [$"nats://{uri.Host}:{uri.Port}", Uri.UnescapeDataString(credentials[0]), Uri.UnescapeDataString(credentials[1])];
    }

    [Fact]
    public async Task Message_published_by_node_with_a_traceparent_continues_the_trace_here()
    {
        using var spans = new SpanRecorder(MessagingTelemetry.SourceName);
        await using var nats = server.Connect();
        var subject = $"interop.{Guid.NewGuid():N}";
        var caller = TraceParent.New();
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var loop = nats.SubscribeTracedAsync<string>(subject, (msg, _) =>
        {
            received.TrySetResult(msg.Data!);
            return ValueTask.CompletedTask;
        }, cancellationToken: stop.Token);
        await nats.PingAsync();

        await using var node = NodeScript.Start("nats-publish.mjs", [.. ServerArgs(), subject, "from node", $"traceparent={caller.Header}"]);
        Assert.Equal(0, await node.Exited.WaitAsync(Timeout));

        Assert.Equal("from node", await received.Task.WaitAsync(Timeout));
        await stop.CancelAsync();
        await loop;
        var process = Assert.Single(spans.Finished, a => a.DisplayName == $"{subject} process");
        Assert.Equal(caller.TraceId, process.TraceId.ToHexString());
        Assert.Equal(caller.SpanId, process.ParentSpanId.ToHexString());
    }

    [Fact]
    public async Task Message_published_here_reaches_node_with_the_traceparent_intact()
    {
        using var spans = new SpanRecorder(MessagingTelemetry.SourceName);
        await using var nats = server.Connect();
        var subject = $"interop.{Guid.NewGuid():N}";
        await using var node = NodeScript.Start("nats-subscribe.mjs", [.. ServerArgs(), subject]);
        await node.StandardOutput.WaitForLineAsync(l => l == "ready", Timeout);

        await nats.PublishTracedAsync(subject, "from dotnet");

        var line = await node.StandardOutput.WaitForLineAsync(l => l.StartsWith('{'), Timeout);
        using var json = JsonDocument.Parse(line);
        var publish = Assert.Single(spans.Finished, a => a.DisplayName == $"{subject} publish");
        Assert.Equal("from dotnet", json.RootElement.GetProperty("data").GetString());
        Assert.Equal(
            $"00-{publish.TraceId.ToHexString()}-{publish.SpanId.ToHexString()}-{(publish.Recorded ? "01" : "00")}",
            json.RootElement.GetProperty("headers").GetProperty("traceparent").GetString());
        Assert.Equal(0, await node.Exited.WaitAsync(Timeout));
    }
}
