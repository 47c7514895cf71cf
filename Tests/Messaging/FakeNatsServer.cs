using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TraceApp.Tests.Messaging;

/// <summary>
/// A NATS server impostor on loopback: every connection gets INFO and PONGs; the first <see cref="BadConnections"/>
/// connections are sent <see cref="Garbage"/> right after the handshake, later ones behave.
/// </summary>
public sealed class FakeNatsServer : IAsyncDisposable
{
    private const string Info = "INFO {\"server_id\":\"FAKE\",\"server_name\":\"fake\",\"version\":\"2.9.10\",\"proto\":1,\"headers\":true,\"max_payload\":1048576,\"host\":\"127.0.0.1\",\"port\":0}\r\n";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;

    public FakeNatsServer(byte[] garbage, int badConnections = 1)
    {
        Garbage = garbage;
        BadConnections = badConnections;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public byte[] Garbage { get; }

    public int BadConnections { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var number = Interlocked.Increment(ref _connections);
            _ = ServeAsync(client, misbehave: number <= BadConnections);
        }
    }

    private async Task ServeAsync(TcpClient client, bool misbehave)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(Info), _stop.Token);
            using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            var sentGarbage = false;
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("PING", StringComparison.Ordinal))
                {
                    await stream.WriteAsync("PONG\r\n"u8.ToArray(), _stop.Token);
                    if (misbehave && !sentGarbage)
                    {
                        sentGarbage = true;
                        await stream.WriteAsync(Garbage, _stop.Token);
                    }
                }
                else if (line.StartsWith("SUB ", StringComparison.Ordinal) || line.StartsWith("PUB ", StringComparison.Ordinal)
                    || line.StartsWith("HPUB ", StringComparison.Ordinal) || line.StartsWith("CONNECT", StringComparison.Ordinal))
                {
                    // Accepted silently (verbose is off).
                }
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or SocketException)
        {
            // The client dropped the connection, as it should after garbage.
        }
    }
}
