using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace TraceApp.Hosting.Servers;

/// <summary>
/// Checks that a NATS server accepts a client: reads its INFO line, authenticates with CONNECT, and waits for
/// the PONG that answers a PING. Speaks the text protocol over a raw TCP connection (no client library).
/// </summary>
public static class NatsHealthProbe
{
    /// <summary>
    /// Completes when the server answered PONG; <see cref="InvalidOperationException"/> with the server's
    /// message for <c>-ERR</c> (e.g. an authorization violation); socket and I/O errors propagate.
    /// </summary>
    public static async Task CheckAsync(string host, int port, string user, string password, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(host, port, ct);
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, leaveOpen: true);

        var info = await ReadLineAsync(reader, host, port, ct);
        if (!info.StartsWith("INFO", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{host}:{port} is not a NATS server: it sent \"{Shorten(info)}\" instead of INFO.");
        }

        await stream.WriteAsync(CreateHandshake(user, password), ct);
        await stream.FlushAsync(ct);

        while (true)
        {
            var line = await ReadLineAsync(reader, host, port, ct);
            if (line.StartsWith("PONG", StringComparison.Ordinal))
            {
                return;
            }

            if (line.StartsWith("-ERR", StringComparison.Ordinal))
            {
                var message = line[4..].Trim().Trim('\'');
                throw new InvalidOperationException($"NATS server at {host}:{port} refused the connection: {message}");
            }

            if (line.StartsWith("PING", StringComparison.Ordinal))
            {
                await stream.WriteAsync("PONG\r\n"u8.ToArray(), ct);
            }

            // +OK and asynchronous INFO updates are not an answer to our PING: keep reading.
        }
    }

    private static byte[] CreateHandshake(string user, string password)
    {
        using var buffer = new MemoryStream();
        buffer.Write("CONNECT "u8);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteBoolean("verbose", false);
            json.WriteBoolean("pedantic", false);
            json.WriteString("user", user);
            json.WriteString("pass", password);
            json.WriteBoolean("headers", true);
            json.WriteString("lang", "dotnet");
            json.WriteString("version", "0.1.0");
            json.WriteNumber("protocol", 1);
            json.WriteEndObject();
        }

        buffer.Write("\r\nPING\r\n"u8);
        return buffer.ToArray();
    }

    private static async Task<string> ReadLineAsync(StreamReader reader, string host, int port, CancellationToken ct) =>
        await reader.ReadLineAsync(ct)
        ?? throw new IOException($"NATS server at {host}:{port} closed the connection before answering PING.");

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..80] + "...";
}
