using System.Collections.Concurrent;
using System.Net;
using Grpc.Core;
using Grpc.Net.Client;

namespace TraceApp.Grpc.Client;

/// <summary>
/// One <see cref="GrpcChannel"/> per target address, shared by every client of that target: HTTP/2 over
/// HttpClient (version 2.0 exactly, cleartext for <c>http://</c>), more HTTP/2 connections opened when the streams
/// of one are saturated, 4 MB message limits, keep-alive pings. Tracing is the packages': Grpc.Net.Client's call
/// activity (a Client span <c>package.Service/Method</c> with OpenTelemetry.Instrumentation.GrpcNetClient) and
/// HttpClient's, which writes <c>traceparent</c> into the request headers.
/// </summary>
public sealed class GrpcChannels : IDisposable
{
    private readonly ConcurrentDictionary<Uri, Lazy<GrpcChannel>> _channels = new();

    /// <summary>A generated client over the shared channel, e.g. <c>CreateClient(address, i => new Echo.EchoClient(i))</c>.</summary>
    public TClient CreateClient<TClient>(Uri address, Func<CallInvoker, TClient> create) =>
        create(GetChannel(address).CreateCallInvoker());

    public GrpcChannel GetChannel(Uri address) =>
        _channels.GetOrAdd(address, static a => new Lazy<GrpcChannel>(() => CreateChannel(a))).Value;

    public void Dispose()
    {
        foreach (var channel in _channels.Values.Where(c => c.IsValueCreated))
        {
            channel.Value.Dispose();
        }

        _channels.Clear();
    }

    private static GrpcChannel CreateChannel(Uri address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        },
        HttpVersion = HttpVersion.Version20,
        HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        MaxReceiveMessageSize = Server.GrpcServerExtensions.DefaultMaxMessageSize,
        MaxSendMessageSize = Server.GrpcServerExtensions.DefaultMaxMessageSize,
        DisposeHttpClient = true,
    });
}
