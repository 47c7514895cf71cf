using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using TraceApp.Tests.Grpc.Interop;

namespace TraceApp.Tests.Grpc;

/// <summary>
/// The server's gRPC-over-HTTP/2 wire behaviour, checked with hand-made requests: length-prefixed framing,
/// status in trailers, percent-encoded messages, deadlines, size limits, compression and the error mapping.
/// </summary>
public sealed class GrpcWireTests(GrpcTestServer server) : IClassFixture<GrpcTestServer>, IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Unary_reply_is_one_length_prefixed_message_with_the_status_in_trailers()
    {
        using var response = await PostAsync("Unary", Frame(new EchoRequest { Text = "framed" }.ToByteArray()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(0, body[0]); // not compressed
        var length = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1, 4));
        Assert.Equal(body.Length - 5, (int)length);
        Assert.Equal("framed", EchoReply.Parser.ParseFrom(body.AsSpan(5)).Text);
        Assert.Equal("0", Status(response));
    }

    [Fact]
    public async Task Status_message_is_percent_encoded()
    {
        using var response = await PostAsync("Fail", Frame(new FailRequest { Code = 9, Message = "ü 100%" }.ToByteArray()));
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("9", Status(response));
        Assert.Equal("%C3%BC 100%25", Header(response, "grpc-message"));
    }

    [Fact]
    public async Task Grpc_timeout_header_is_a_deadline()
    {
        using var response = await PostAsync("Wait", Frame(new WaitRequest { WaitMs = 30_000 }.ToByteArray()),
            request => request.Headers.Add("grpc-timeout", "100m"));
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("4", Status(response)); // DEADLINE_EXCEEDED
    }

    [Fact]
    public async Task Message_declared_larger_than_the_limit_is_resource_exhausted()
    {
        using var response = await PostAsync("Unary", Frame(new byte[4 * 1024 * 1024 + 1]));
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("8", Status(response));
    }

    [Fact]
    public async Task Truncated_message_is_an_error_not_a_hang()
    {
        var frame = Frame(new EchoRequest { Text = "cut short" }.ToByteArray());
        using var response = await PostAsync("Unary", frame[..^3]);
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("13", Status(response)); // INTERNAL: incomplete message
    }

    [Fact]
    public async Task Gzip_compressed_message_is_understood()
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(new EchoRequest { Text = "squeezed" }.ToByteArray());
        }

        using var response = await PostAsync("Unary", Frame(compressed.ToArray(), compressedFlag: 1),
            request => request.Headers.Add("grpc-encoding", "gzip"));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("0", Status(response));
        Assert.Equal("squeezed", EchoReply.Parser.ParseFrom(body.AsSpan(5)).Text);
    }

    [Fact]
    public async Task Unsupported_compression_is_unimplemented()
    {
        using var response = await PostAsync("Unary", Frame([1, 2, 3], compressedFlag: 1),
            request => request.Headers.Add("grpc-encoding", "snappy"));
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("12", Status(response));
        Assert.Contains("gzip", Header(response, "grpc-accept-encoding"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_service_is_unimplemented()
    {
        using var request = Http2Post("/no.Such/Service", GrpcContent(Frame([])));
        using var response = await _http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("12", Status(response));
    }

    [Fact]
    public async Task Non_grpc_content_type_is_refused_with_415()
    {
        using var request = Http2Post("/traceapp.interop.Echo/Unary", new ByteArrayContent(Frame([])) { Headers = { ContentType = new MediaTypeHeaderValue("text/plain") } });
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string method, byte[] body, Action<HttpRequestMessage>? configure = null)
    {
        using var request = Http2Post($"/traceapp.interop.Echo/{method}", GrpcContent(body));
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        configure?.Invoke(request);
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>HTTP/2 with prior knowledge (h2c): the version must be set per request, SendAsync ignores the client's default.</summary>
    private HttpRequestMessage Http2Post(string path, HttpContent content) => new(HttpMethod.Post, new Uri(server.Address, path))
    {
        Content = content,
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private static ByteArrayContent GrpcContent(byte[] body) =>
        new(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/grpc") } };

    private static byte[] Frame(byte[] message, byte compressedFlag = 0)
    {
        var frame = new byte[5 + message.Length];
        frame[0] = compressedFlag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }

    /// <summary>grpc-status from the trailers, or from the headers of a trailers-only response.</summary>
    private static string? Status(HttpResponseMessage response) => Header(response, "grpc-status");

    private static string? Header(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var values) || response.Headers.TryGetValues(name, out values)
            ? values.First()
            : null;
}
