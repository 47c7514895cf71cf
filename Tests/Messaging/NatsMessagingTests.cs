using System.Collections.Concurrent;
using System.Diagnostics;
using NATS.Client.Core;
using TraceApp.Messaging;

namespace TraceApp.Tests.Messaging;

/// <summary>TraceApp's messaging layer against a real nats-server.</summary>
public sealed class NatsMessagingTests(NatsServerFixture server) : IClassFixture<NatsServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly ActivitySource Caller = new("TraceApp.Tests.Caller");

    private static string NewSubject() => $"test.{Guid.NewGuid():N}";

    /// <summary>Starts a subscription and waits (bounded) until the server has it, so no message is published too early.</summary>
    private static async Task<Task> SubscribeAsync<T>(
        NatsConnection nats, string subject, Func<NatsMsg<T>, CancellationToken, ValueTask> handler, CancellationToken ct, string? queue = null)
    {
        var loop = nats.SubscribeTracedAsync(subject, handler, queue, cancellationToken: ct);
        await nats.PingAsync(ct); // PING after SUB: the server has processed the SUB when the PONG returns
        return loop;
    }

    [Fact]
    public async Task Published_message_is_processed_in_a_span_that_continues_the_publishers_trace()
    {
        using var spans = new SpanRecorder(MessagingTelemetry.SourceName);
        using var callerListener = new SpanRecorder(Caller.Name);
        await using var nats = server.Connect();
        var subject = NewSubject();
        var received = new TaskCompletionSource<(string Data, string? TraceId)>();
        using var stop = new CancellationTokenSource();
        var loop = await SubscribeAsync<string>(nats, subject, (msg, _) =>
        {
            received.TrySetResult((msg.Data!, Activity.Current?.TraceId.ToHexString()));
            return ValueTask.CompletedTask;
        }, stop.Token);

        using (var parent = Caller.StartActivity("caller"))
        {
            await nats.PublishTracedAsync(subject, "hello");
        }

        var (data, traceId) = await received.Task.WaitAsync(Timeout);
        await stop.CancelAsync();
        await loop;
        Assert.Equal("hello", data);
        var publish = Assert.Single(spans.Finished, a => a.DisplayName == $"{subject} publish");
        var process = Assert.Single(spans.Finished, a => a.DisplayName == $"{subject} process");
        Assert.Equal(ActivityKind.Producer, publish.Kind);
        Assert.Equal(ActivityKind.Consumer, process.Kind);
        Assert.Equal(publish.TraceId, process.TraceId);
        Assert.Equal(publish.SpanId, process.ParentSpanId);
        Assert.Equal(process.TraceId.ToHexString(), traceId);
        Assert.Equal(callerListener.Finished.Single().TraceId, publish.TraceId);
        Assert.Equal("nats", process.GetTagItem("messaging.system"));
        Assert.Equal(subject, process.GetTagItem("messaging.destination.name"));
        Assert.Equal("process", process.GetTagItem("messaging.operation.type"));
        Assert.Equal("publish", publish.GetTagItem("messaging.operation.type"));
        Assert.Equal(5, publish.GetTagItem("messaging.message.body.size")); // NATS.Net sends strings as raw UTF-8
    }

    [Fact]
    public async Task Headers_round_trip_and_a_bad_traceparent_starts_a_new_root()
    {
        using var spans = new SpanRecorder(MessagingTelemetry.SourceName);
        await using var nats = server.Connect();
        var subject = NewSubject();
        var received = new TaskCompletionSource<NatsHeaders?>();
        using var stop = new CancellationTokenSource();
        var loop = await SubscribeAsync<string>(nats, subject, (msg, _) =>
        {
            received.TrySetResult(msg.Headers);
            return ValueTask.CompletedTask;
        }, stop.Token);

        await nats.PublishAsync(subject, "x", new NatsHeaders { ["Traceparent"] = "00-not-a-valid-context-01", ["x-custom"] = "v1" });

        var headers = await received.Task.WaitAsync(Timeout);
        await stop.CancelAsync();
        await loop;
        Assert.Equal("v1", headers!["x-custom"]);
        var process = Assert.Single(spans.Finished, a => a.DisplayName == $"{subject} process");
        Assert.Equal(default, process.ParentSpanId);
    }

    [Fact]
    public async Task Three_queue_subscribers_share_3000_messages_each_delivered_exactly_once()
    {
        await using var nats = server.Connect();
        var subject = NewSubject();
        const int count = 3000;
        var deliveries = new ConcurrentDictionary<int, int>();
        var perSubscriber = new int[3];
        var all = new TaskCompletionSource();
        using var stop = new CancellationTokenSource();
        var loops = new List<Task>();
        for (var i = 0; i < 3; i++)
        {
            var subscriber = i;
            loops.Add(await SubscribeAsync<int>(nats, subject, (msg, _) =>
            {
                Interlocked.Increment(ref perSubscriber[subscriber]);
                deliveries.AddOrUpdate(msg.Data, 1, (_, n) => n + 1);
                if (deliveries.Count == count)
                {
                    all.TrySetResult();
                }

                return ValueTask.CompletedTask;
            }, stop.Token, queue: "workers"));
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
    public async Task Request_gets_the_reply_and_errors_are_clear()
    {
        await using var nats = server.Connect();
        var subject = NewSubject();
        var silent = NewSubject();
        using var stop = new CancellationTokenSource();
        var responder = await SubscribeAsync<string>(nats, subject, async (msg, ct) =>
            await msg.ReplyAsync($"echo {msg.Data}", cancellationToken: ct), stop.Token);
        var mute = await SubscribeAsync<string>(nats, silent, (_, _) => ValueTask.CompletedTask, stop.Token);

        var reply = await nats.RequestTracedAsync<string, string>(subject, "ping", Timeout);
        await Assert.ThrowsAsync<NatsNoRespondersException>(() =>
            nats.RequestTracedAsync<string, string>(NewSubject(), "anyone?", Timeout).AsTask());
        await Assert.ThrowsAsync<NatsNoReplyException>(() =>
            nats.RequestTracedAsync<string, string>(silent, "hello?", TimeSpan.FromMilliseconds(300)).AsTask());

        using var cancel = new CancellationTokenSource();
        var cancelled = nats.RequestTracedAsync<string, string>(silent, "never mind", Timeout, cancellationToken: cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        await stop.CancelAsync();
        await Task.WhenAll(responder, mute);
        Assert.Equal("echo ping", reply.Data);
    }

    [Fact]
    public async Task Disposing_right_after_publishing_loses_nothing()
    {
        await using var subscriber = server.Connect();
        var subject = NewSubject();
        const int count = 1000;
        var received = 0;
        var all = new TaskCompletionSource();
        using var stop = new CancellationTokenSource();
        var loop = await SubscribeAsync<int>(subscriber, subject, (_, _) =>
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
                await publisher.PublishTracedAsync(subject, n);
            }
        } // disposed at once: pending writes must be flushed, not dropped

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
