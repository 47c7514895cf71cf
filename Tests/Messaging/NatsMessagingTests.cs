using System.Collections.Concurrent;
using System.Diagnostics;
using NATS.Client.Core;
using TraceApp.Messaging;
using TraceApp.Tests.Infrastructure.Telemetry;

namespace TraceApp.Tests.Messaging;

/// <summary>NATS.Net with TraceApp's defaults and processing span, against a real nats-server.</summary>
[Collection(NatsCollection.Name)]
public sealed class NatsMessagingTests(NatsServerFixture server)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly ActivitySource Caller = new("TraceApp.Tests.Caller");

    private static string NewSubject() => $"test.{Guid.NewGuid():N}";

    [Fact]
    public async Task Publish_receive_and_process_spans_continue_the_publishers_trace()
    {
        using var recorder = new SpanRecorder(NatsTelemetry.SourceName, NatsSubscriptions.Processing.Name, Caller.Name);
        await using var nats = server.Connect();
        var subject = NewSubject();
        var received = new TaskCompletionSource<(string Data, string? TraceParent, Activity? Current)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var loop = await NatsSubscriptions.StartAsync<string>(nats, subject, msg =>
        {
            received.TrySetResult((msg.Data!, msg.Headers?["traceparent"].ToString(), Activity.Current));
            return ValueTask.CompletedTask;
        }, stop.Token);

        ActivityTraceId traceId;
        using (var caller = Caller.StartActivity("caller"))
        {
            traceId = caller!.TraceId;
            await nats.PublishAsync(subject, "hello");
        }

        var (data, traceParent, current) = await received.Task.WaitAsync(Timeout);
        var spans = await recorder.Spans.WaitForTraceAsync(traceId, Timeout, $"{subject} publish", $"{subject} receive", $"{subject} process");
        await stop.CancelAsync();
        await loop;

        Assert.Equal("hello", data);
        var caller0 = Assert.Single(spans, s => s.DisplayName == "caller");
        var publish = Assert.Single(spans, s => s.DisplayName == $"{subject} publish");
        var receive = Assert.Single(spans, s => s.DisplayName == $"{subject} receive");
        var process = Assert.Single(spans, s => s.DisplayName == $"{subject} process");
        Assert.Equal(ActivityKind.Producer, publish.Kind);
        Assert.Equal(ActivityKind.Consumer, receive.Kind);
        Assert.Equal(ActivityKind.Consumer, process.Kind);
        Assert.Equal(caller0.SpanId, publish.ParentSpanId);
        Assert.Equal(publish.SpanId, receive.ParentSpanId);
        Assert.Equal(receive.SpanId, process.ParentSpanId);
        Assert.Equal($"00-{traceId}-{publish.SpanId}-01", traceParent);
        Assert.Same(process, current); // logs written by the handler carry the trace
        Assert.Equal(NatsSubscriptions.Processing.Name, process.Source.Name);
        Assert.Equal("nats", process.GetTagItem("messaging.system"));
        Assert.Equal(subject, process.GetTagItem("messaging.destination.name"));
        Assert.Equal("process", process.GetTagItem("messaging.operation.type"));
    }

    [Fact]
    public async Task Request_reaches_the_responder_in_the_callers_trace_and_gets_the_reply()
    {
        using var recorder = new SpanRecorder(NatsTelemetry.SourceName, NatsSubscriptions.Processing.Name, Caller.Name);
        await using var nats = server.Connect();
        var subject = NewSubject();
        using var stop = new CancellationTokenSource();
        var responder = await NatsSubscriptions.StartAsync<string>(nats, subject, async msg =>
            await msg.ReplyAsync($"echo {msg.Data}"), stop.Token);

        NatsMsg<string> reply;
        ActivityTraceId traceId;
        using (var caller = Caller.StartActivity("caller"))
        {
            traceId = caller!.TraceId;
            reply = await nats.RequestAsync<string, string>(subject, "ping");
        }

        await recorder.Spans.WaitForTraceAsync(traceId, Timeout, $"{subject} process");
        await Assert.ThrowsAsync<NatsNoRespondersException>(async () => await nats.RequestAsync<string, string>(NewSubject(), "anyone?"));
        await stop.CancelAsync();
        await responder;
        Assert.Equal("echo ping", reply.Data);
    }

    [Fact]
    public async Task Three_queue_subscribers_share_3000_messages_each_delivered_exactly_once()
    {
        await using var nats = server.Connect();
        var subject = NewSubject();
        const int count = 3000;
        var deliveries = new ConcurrentDictionary<int, int>();
        var perSubscriber = new int[3];
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var loops = new List<Task>();
        for (var i = 0; i < 3; i++)
        {
            var subscriber = i;
            loops.Add(await NatsSubscriptions.StartAsync<int>(nats, subject, msg =>
            {
                Interlocked.Increment(ref perSubscriber[subscriber]);
                deliveries.AddOrUpdate(msg.Data, 1, (_, n) => n + 1);
                if (deliveries.Count == count)
                {
                    all.TrySetResult();
                }

                return ValueTask.CompletedTask;
            }, stop.Token, queueGroup: "workers"));
        }

        for (var n = 0; n < count; n++)
        {
            await nats.PublishAsync(subject, n);
        }

        await all.Task.WaitAsync(Timeout);
        await nats.PingAsync(); // anything still in flight would arrive before this round trip completes
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        Assert.Equal(count, deliveries.Count);
        Assert.All(deliveries.Values, n => Assert.Equal(1, n));
        Assert.All(perSubscriber, n => Assert.True(n > 0, "every queue member should get a share"));
        Assert.Equal(count, perSubscriber.Sum());
    }

    [Fact]
    public async Task Disposing_right_after_publishing_loses_nothing()
    {
        await using var subscriber = server.Connect();
        var subject = NewSubject();
        const int count = 1000;
        var received = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var loop = await NatsSubscriptions.StartAsync<int>(subscriber, subject, _ =>
        {
            if (Interlocked.Increment(ref received) == count)
            {
                all.TrySetResult();
            }

            return ValueTask.CompletedTask;
        }, stop.Token);

        await using (var publisher = server.Connect())
        {
            for (var n = 0; n < count; n++)
            {
                await publisher.PublishAsync(subject, n);
            }
        } // disposed at once: pending writes must be flushed, not dropped (NatsClientDefaults)

        await all.Task.WaitAsync(Timeout);
        await stop.CancelAsync();
        await loop;
        Assert.Equal(count, received);
    }

    [Fact]
    public async Task Wrong_password_fails_with_an_authorization_error()
    {
        var options = NatsConnectionString.Parse(server.ConnectionString);
        await using var nats = new NatsConnection(options with
        {
            AuthOpts = options.AuthOpts with { Password = "wrong" },
            MaxReconnectRetry = 0,
        });

        var error = await Assert.ThrowsAnyAsync<NatsException>(async () => await nats.ConnectAsync());

        Assert.Contains("Authorization Violation", error.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
