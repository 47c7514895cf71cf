using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NATS.Client.Core;
using TraceApp.Benchmarks.Processes;
using TraceApp.Messaging;

namespace TraceApp.Benchmarks;

/// <summary>
/// Against one local nats-server, in one run: publish throughput (128-byte messages) and request/reply round trip
/// (one requester, p50/p99) for TraceApp's messaging stack (NATS.Net underneath) and for the npm nats client.
/// </summary>
public static class NatsBenchmark
{
    private const string NatsActivitySourceName = "NATS.Net";

    /// <param name="quick">A tenth of the messages: a smoke test of the benchmark, not figures to publish.</param>
    public static async Task RunAsync(bool quick)
    {
        var publishCount = quick ? 200_000 : 2_000_000;
        var requestCount = quick ? 2_000 : 20_000;
        await using var server = await NatsServer.StartAsync();
        var options = NatsConnectionString.Parse(server.ConnectionString);
        await using var nats = new NatsConnection(options);
        await nats.ConnectAsync();
        // The responder has a connection of its own, as it would in another service (and as for the Node requester).
        await using var responderConnection = new NatsConnection(options);
        await responderConnection.ConnectAsync();
        using var stop = new CancellationTokenSource();
        var responder = Task.Run(async () =>
        {
            await foreach (var msg in responderConnection.SubscribeAsync<byte[]>("bench.req", cancellationToken: stop.Token))
            {
                await msg.ReplyAsync(msg.Data, cancellationToken: stop.Token);
            }
        });
        await responderConnection.PingAsync();
        var payload = new byte[128];

        var dotnetPublish = await MeasurePublishAsync(publishCount, () => nats.PublishAsync("bench.pub", payload), nats);
        double recordedPublish;
        using (var listener = new ActivityListener
        {
            // NATS.Net's own ActivitySource: with a listener it makes a publish span and sends traceparent.
            ShouldListenTo = source => source.Name == NatsActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        })
        {
            ActivitySource.AddActivityListener(listener);
            recordedPublish = await MeasurePublishAsync(publishCount, () => nats.PublishAsync("bench.pub", payload), nats);
        }

        var (p50, p99) = await MeasureRequestsAsync(requestCount, () => nats.RequestAsync<byte[], byte[]>("bench.req", payload).AsTask());
        var nodePublish = await RunNodeAsync(server, "pub", publishCount);
        var nodeRequest = await RunNodeAsync(server, "req", requestCount);

        await stop.CancelAsync();
        await responder.ContinueWith(_ => { }, TaskScheduler.Default);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            | Client | Publish 128 B (msgs/s) | Request/reply p50 | p99 |
            |---|---:|---:|---:|
            | TraceApp (NATS.Net 3.3.2), PublishAsync | {dotnetPublish:N0} | {p50:F0} µs | {p99:F0} µs |
            | TraceApp PublishAsync (NATS.Net's spans recorded, traceparent sent) | {recordedPublish:N0} | | |
            | npm nats 2.29.3 (Node {Environment.GetEnvironmentVariable("NODE_VERSION") ?? "20"}) | {nodePublish.GetProperty("msgsPerSecond").GetDouble():N0} | {nodeRequest.GetProperty("p50Micros").GetDouble():F0} µs | {nodeRequest.GetProperty("p99Micros").GetDouble():F0} µs |
            """));
    }

    private static async Task<double> MeasurePublishAsync(int count, Func<ValueTask> publish, NatsConnection nats)
    {
        for (var i = 0; i < 50_000; i++)
        {
            await publish(); // warm-up
        }

        await nats.PingAsync();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await publish();
        }

        await nats.PingAsync(); // every message has reached the server when the PONG returns
        return count / clock.Elapsed.TotalSeconds;
    }

    private static async Task<(double P50, double P99)> MeasureRequestsAsync(int count, Func<Task> request)
    {
        for (var i = 0; i < 1_000; i++)
        {
            await request();
        }

        var micros = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await request();
            micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(micros);
        return (micros[count / 2], micros[(int)(count * 0.99)]);
    }

    private static async Task<JsonElement> RunNodeAsync(NatsServer server, string mode, int count)
    {
        var directory = Path.Combine(RepositoryPaths.Root, "Tests", "Interop");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "nats")))
        {
            throw new InvalidOperationException($"The npm nats client is not installed: run `npm ci --prefix {directory}` first.");
        }

        using var node = ChildProcess.Start(
            "node",
            ["nats-bench.mjs", $"nats://127.0.0.1:{server.Port}", NatsServer.User, NatsServer.Password, mode, count.ToString(CultureInfo.InvariantCulture)],
            directory);
        await node.WaitForExitAndOutputAsync(TimeSpan.FromMinutes(5));
        var line = node.Lines.LastOrDefault(l => !l.IsError && l.Text.StartsWith('{')).Text
            ?? throw new InvalidOperationException($"node exited with {node.ExitCode}: {node.Tail()}");
        return JsonDocument.Parse(line).RootElement.Clone();
    }
}
