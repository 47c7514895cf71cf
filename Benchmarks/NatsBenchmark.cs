using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NATS.Client.Core;
using TraceApp.Hosting.Execution;
using TraceApp.Hosting.Orchestration;
using TraceApp.Hosting.Servers;
using TraceApp.Messaging;

namespace TraceApp.Benchmarks;

/// <summary>
/// Against one local nats-server, in one run: publish throughput (128-byte messages) and request/reply round trip
/// (one requester, p50/p99) for TraceApp's messaging stack (NATS.Net underneath) and for the npm nats client.
/// </summary>
public static class NatsBenchmark
{
    private const int PublishCount = 2_000_000;
    private const int RequestCount = 20_000;

    public static async Task RunAsync()
    {
        var settings = new NatsServerSettings(PortAllocator.NextFreePort(), PortAllocator.NextFreePort(), "bench", "bench", null);
        await using var server = ManagedProcess.Start(NatsServerCommand.Create("nats", settings));
        await server.StandardError.WaitForLineAsync(l => l.Contains("Server is ready", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        var options = NatsConnectionString.Parse(NatsServerCommand.ConnectionString(settings));
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

        var dotnetPublish = await MeasurePublishAsync(() => nats.PublishAsync("bench.pub", payload), nats);
        var tracedPublish = await MeasurePublishAsync(() => nats.PublishTracedAsync("bench.pub", payload), nats);
        double recordedPublish;
        using (var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MessagingTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        })
        {
            ActivitySource.AddActivityListener(listener);
            recordedPublish = await MeasurePublishAsync(() => nats.PublishTracedAsync("bench.pub", payload), nats);
        }

        var (p50, p99) = await MeasureRequestsAsync(() => nats.RequestAsync<byte[], byte[]>("bench.req", payload).AsTask());
        var nodePublish = await RunNodeAsync(settings, "pub", PublishCount);
        var nodeRequest = await RunNodeAsync(settings, "req", RequestCount);

        await stop.CancelAsync();
        await responder.ContinueWith(_ => { }, TaskScheduler.Default);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            | Client | Publish 128 B (msgs/s) | Request/reply p50 | p99 |
            |---|---:|---:|---:|
            | TraceApp (NATS.Net 3.3.2), PublishAsync | {dotnetPublish:N0} | {p50:F0} µs | {p99:F0} µs |
            | TraceApp PublishTracedAsync (no listener) | {tracedPublish:N0} | | |
            | TraceApp PublishTracedAsync (spans recorded, traceparent sent) | {recordedPublish:N0} | | |
            | npm nats 2.29.3 (Node {Environment.GetEnvironmentVariable("NODE_VERSION") ?? "20"}) | {nodePublish.GetProperty("msgsPerSecond").GetDouble():N0} | {nodeRequest.GetProperty("p50Micros").GetDouble():F0} µs | {nodeRequest.GetProperty("p99Micros").GetDouble():F0} µs |
            """));
    }

    private static async Task<double> MeasurePublishAsync(Func<ValueTask> publish, NatsConnection nats)
    {
        for (var i = 0; i < 50_000; i++)
        {
            await publish(); // warm-up
        }

        await nats.PingAsync();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < PublishCount; i++)
        {
            await publish();
        }

        await nats.PingAsync(); // every message has reached the server when the PONG returns
        return PublishCount / clock.Elapsed.TotalSeconds;
    }

    private static async Task<(double P50, double P99)> MeasureRequestsAsync(Func<Task> request)
    {
        for (var i = 0; i < 1_000; i++)
        {
            await request();
        }

        var micros = new double[RequestCount];
        for (var i = 0; i < RequestCount; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await request();
            micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(micros);
        return (micros[RequestCount / 2], micros[(int)(RequestCount * 0.99)]);
    }

    private static async Task<JsonElement> RunNodeAsync(NatsServerSettings settings, string mode, int count)
    {
        var directory = Path.Combine(ProjectLocator.RepositoryRoot, "Tests", "Interop");
        await using var node = ManagedProcess.Start(new ProcessSpec("node", "node",
            ["nats-bench.mjs", $"nats://127.0.0.1:{settings.Port}", settings.User, settings.Password, mode, count.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string?>(), directory));
        var exitCode = await node.Exited.WaitAsync(TimeSpan.FromMinutes(5));
        var line = node.StandardOutput.Lines.LastOrDefault(l => l.StartsWith('{'))
            ?? throw new InvalidOperationException($"node exited with {exitCode}: {string.Join(Environment.NewLine, node.StandardError.Lines)}");
        return JsonDocument.Parse(line).RootElement.Clone();
    }
}
