using System.Collections.Concurrent;
using NATS.Client.Core;
using TraceApp.Messaging;
using TraceApp.Tests.Infrastructure;
using TraceApp.Tests.Infrastructure.Servers;

namespace TraceApp.Tests.Messaging;

/// <summary>Server restarts, cluster failover and payload limits, against real nats-server processes.</summary>
public sealed class NatsResilienceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static NatsConnection Connect(string connectionString) =>
        new(NatsConnectionString.Parse(connectionString) with
        {
            ReconnectWaitMin = TimeSpan.FromMilliseconds(100),
            ReconnectWaitMax = TimeSpan.FromMilliseconds(500),
        });

    private static Task WaitUntilAsync(Func<bool> condition, string what) => Eventually.WaitUntilAsync(condition, Timeout, what);

    [Fact]
    public async Task Client_reconnects_after_a_restart_resubscribes_and_delivers_buffered_publishes()
    {
        await using var node = new NatsServerProcess();
        await node.StartAsync();
        await using var nats = Connect(node.ConnectionString);
        var events = new ConcurrentQueue<string>();
        nats.ConnectionDisconnected += (_, _) => { events.Enqueue("disconnected"); return ValueTask.CompletedTask; };
        nats.ConnectionOpened += (_, _) => { events.Enqueue("opened"); return ValueTask.CompletedTask; };
        var received = new ConcurrentBag<int>();
        using var stop = new CancellationTokenSource();
        var loop = await NatsSubscriptions.StartAsync<int>(nats, "restart.test", msg =>
        {
            received.Add(msg.Data);
            return ValueTask.CompletedTask;
        }, stop.Token);

        await node.StopAsync();
        await WaitUntilAsync(() => nats.ConnectionState != NatsConnectionState.Open, "the client to notice the outage");
        var publishes = Enumerable.Range(1, 5).Select(n => nats.PublishAsync("restart.test", n).AsTask()).ToList();
        await node.StartAsync();

        await Task.WhenAll(publishes).WaitAsync(Timeout);
        await WaitUntilAsync(() => received.Count == 5, "the buffered messages to arrive");
        await stop.CancelAsync();
        await loop;
        Assert.Equal([1, 2, 3, 4, 5], received.Order());
        await Eventually.WaitUntilAsync(() => events.Count >= 3, Timeout, "the connection events");
        Assert.Equal(["opened", "disconnected", "opened"], events.Take(3));
    }

    [Fact]
    public async Task Publishing_through_an_outage_longer_than_the_bound_fails_instead_of_waiting_forever()
    {
        await using var node = new NatsServerProcess();
        await node.StartAsync();
        await using var nats = new NatsConnection(NatsConnectionString.Parse(node.ConnectionString) with
        {
            // TraceApp's defaults (PublishTimeoutOnDisconnected) with a shorter bound than their 5 s.
            CommandTimeout = TimeSpan.FromMilliseconds(500),
        });
        await nats.ConnectAsync();

        await node.StopAsync();
        await WaitUntilAsync(() => nats.ConnectionState != NatsConnectionState.Open, "the client to notice the outage");

        // NatsClientDefaults bounds the wait by CommandTimeout; NATS.Net reports it as a cancellation nobody asked for.
        using var caller = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await nats.PublishAsync("outage.test", 1, cancellationToken: caller.Token));
        Assert.False(caller.IsCancellationRequested);
    }

    [Fact]
    public async Task Client_fails_over_to_a_node_it_learned_from_the_cluster()
    {
        int clusterA = FreePort.Next(), clusterB = FreePort.Next();
        await using var nodeA = new NatsServerProcess(clusterA, [clusterB]);
        await using var nodeB = new NatsServerProcess(clusterB, [clusterA], nodeA.Password);
        await nodeA.StartAsync();
        await nodeB.StartAsync();
        await using var nats = Connect(nodeA.ConnectionString); // only node A is configured
        await nats.ConnectAsync();
        await WaitUntilAsync(
            () => nats.ServerInfo?.ClientConnectUrls?.Any(u => u.EndsWith($":{nodeB.Port}", StringComparison.Ordinal)) == true,
            "node A to advertise node B");
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var loop = await NatsSubscriptions.StartAsync<string>(nats, "failover.test", msg =>
        {
            received.TrySetResult(msg.Data!);
            return ValueTask.CompletedTask;
        }, stop.Token);

        await nodeA.StopAsync();
        await WaitUntilAsync(() => nats.ConnectionState == NatsConnectionState.Open && nats.ServerInfo?.Port == nodeB.Port, "failover to node B");
        await nats.PingAsync();
        await nats.PublishAsync("failover.test", "after failover");

        Assert.Equal("after failover", await received.Task.WaitAsync(Timeout));
        await stop.CancelAsync();
        await loop;
    }

    [Fact]
    public async Task Payload_over_the_servers_max_payload_fails_with_a_clear_error_and_the_connection_survives()
    {
        await using var node = new NatsServerProcess();
        await node.StartAsync();
        await using var nats = Connect(node.ConnectionString);
        await nats.ConnectAsync();
        var tooLarge = new byte[nats.ServerInfo!.MaxPayload + 1];

        var error = await Assert.ThrowsAnyAsync<NatsException>(async () => await nats.PublishAsync("big", tooLarge));

        Assert.Contains("payload", error.Message, StringComparison.OrdinalIgnoreCase);
        await nats.PingAsync();
        Assert.Equal(NatsConnectionState.Open, nats.ConnectionState);
    }
}
