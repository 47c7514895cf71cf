using System.Text;
using NATS.Client.Core;
using TraceApp.Tests.Infrastructure;

namespace TraceApp.Tests.Messaging;

/// <summary>
/// Malformed server input must never hang or crash the client: random and mutated frames from a fake server, then a
/// well-behaved connection. NATS.Net skips what it cannot parse where it can and reconnects where it cannot; either
/// way the client must serve a PING again.
/// </summary>
public sealed class NatsProtocolFuzzTests
{
    private static readonly string[] ValidFrames =
    [
        "MSG foo 1 5\r\nhello\r\n",
        "HMSG foo 1 22 27\r\nNATS/1.0\r\nA: b\r\n\r\nhello\r\n",
        "INFO {\"server_id\":\"x\"}\r\n",
        "+OK\r\n",
        "-ERR 'Unknown Protocol Operation'\r\n",
        "PING\r\n",
    ];

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 12).Select(seed => new object[] { seed });

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Random_or_mutated_frames_never_hang_or_crash_the_client(int seed)
    {
        var random = new Random(seed);
        await using var server = new FakeNatsServer(Garbage(random));
        await using var nats = new NatsConnection(NatsOpts.Default with
        {
            Url = $"nats://127.0.0.1:{server.Port}",
            ReconnectWaitMin = TimeSpan.FromMilliseconds(50),
            ReconnectWaitMax = TimeSpan.FromMilliseconds(200),
            PingInterval = TimeSpan.FromSeconds(1),
            MaxPingOut = 2,
            CommandTimeout = TimeSpan.FromSeconds(5),
        });
        await nats.ConnectAsync();

        // Whether the garbage is skipped or breaks the connection (then the second, sane connection serves), the
        // client must answer within the deadline.
        await Eventually.WaitUntilAsync(() => server.Connections >= 2 || nats.ConnectionState == NatsConnectionState.Open,
            TimeSpan.FromSeconds(20), "the client to settle");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await RetryPingAsync(nats, deadline.Token);
        Assert.Equal(NatsConnectionState.Open, nats.ConnectionState);
    }

    [Fact]
    public async Task A_frame_announcing_two_gigabytes_does_not_stall_the_client()
    {
        // The payload never comes: the PONGs that follow are swallowed as payload, so only stale-connection
        // detection can end the wait. Memory must not follow the announced size either.
        await using var server = new FakeNatsServer(Encoding.ASCII.GetBytes("MSG foo 1 2000000000\r\nshort\r\n"));
        await using var nats = new NatsConnection(NatsOpts.Default with
        {
            Url = $"nats://127.0.0.1:{server.Port}",
            ReconnectWaitMin = TimeSpan.FromMilliseconds(50),
            ReconnectWaitMax = TimeSpan.FromMilliseconds(200),
            PingInterval = TimeSpan.FromMilliseconds(500),
            MaxPingOut = 2,
        });
        var before = GC.GetTotalMemory(forceFullCollection: true);
        await nats.ConnectAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await RetryPingAsync(nats, deadline.Token);
        Assert.True(GC.GetTotalMemory(forceFullCollection: true) - before < 100_000_000, "the announced size was allocated");
    }

    private static async Task RetryPingAsync(NatsConnection nats, CancellationToken deadline)
    {
        while (true)
        {
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(deadline);
                attempt.CancelAfter(TimeSpan.FromSeconds(3));
                await nats.PingAsync(attempt.Token);
                return;
            }
            catch (Exception) when (!deadline.IsCancellationRequested)
            {
                // A ping on the broken connection may fail; the next one goes over the reconnected one.
            }
        }
    }

    private static byte[] Garbage(Random random)
    {
        if (random.Next(2) == 0)
        {
            var bytes = new byte[random.Next(1, 4096)];
            random.NextBytes(bytes);
            return bytes;
        }

        var frame = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 4).Select(_ => ValidFrames[random.Next(ValidFrames.Length)])));
        for (var i = 0; i < 1 + random.Next(8); i++)
        {
            frame[random.Next(frame.Length)] = (byte)random.Next(256);
        }

        return frame;
    }
}
