using System.Diagnostics;
using NATS.Client.Core;
using TraceApp.Messaging;

namespace TraceApp.Tests.Messaging;

/// <summary>A subscription loop as a service writes one: each message handled inside its processing span.</summary>
public static class NatsSubscriptions
{
    public static readonly ActivitySource Processing = new("TraceApp.Tests.Processing");

    /// <summary>
    /// Subscribes, waits (bounded) until the server has the subscription, then returns the loop that runs
    /// <paramref name="handler"/> for each message inside <c>&lt;subject&gt; process</c> until
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public static async Task<Task> StartAsync<T>(
        INatsConnection nats, string subject, Func<NatsMsg<T>, ValueTask> handler, CancellationToken cancellationToken, string? queueGroup = null)
    {
        var subscription = await nats.SubscribeCoreAsync<T>(subject, queueGroup, cancellationToken: cancellationToken);
        await nats.PingAsync(cancellationToken); // PING after SUB: the server has processed the SUB when the PONG returns
        return LoopAsync();

        async Task LoopAsync()
        {
            await using var _ = subscription;
            try
            {
                await foreach (var msg in subscription.Msgs.ReadAllAsync(cancellationToken))
                {
                    using var activity = msg.StartProcessActivity(Processing, $"{msg.Subject} process", queueGroup);
                    await handler(msg);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        }
    }
}
