using System.Net;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace TraceApp.Workflows.Hosting;

/// <summary>
/// The SDK's gRPC clients, from Grpc.Net.ClientFactory. They keep what ServiceDefaults' HttpClient defaults add
/// for service discovery (so <c>http://_grpc.workflowserver</c> resolves) but drop its standard resilience
/// handler: its 10 s attempt and 30 s total timeouts would cut PollTask's long poll, and its retries would resend
/// RPCs that are not idempotent (FailStep, StartWorkflow). The runtime retries what it can itself.
/// HTTP/2 exactly, so <c>http://</c> addresses speak cleartext HTTP/2 (as Grpc's GrpcChannels do).
/// </summary>
internal static class WorkflowGrpcClients
{
    public const int MaxMessageSize = 4 * 1024 * 1024;

    public static IHttpClientBuilder AddWorkflowGrpcClient<TClient>(this IServiceCollection services, Uri address) where TClient : ClientBase =>
        services
            .AddGrpcClient<TClient>(options => options.Address = address)
            .ConfigureChannel(channel =>
            {
                channel.HttpVersion = HttpVersion.Version20;
                channel.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
                channel.MaxReceiveMessageSize = MaxMessageSize;
                channel.MaxSendMessageSize = MaxMessageSize;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            })
            // Per-request HttpClient logs for every poll, heartbeat and step would drown the worker's own; the
            // gRPC client spans carry the same facts.
            .RemoveAllLoggers()
            // What the (experimental, EXTEXP0001) RemoveAllResilienceHandlers does, with stable API.
            .ConfigureAdditionalHttpMessageHandlers(static (handlers, _) =>
            {
                for (var i = handlers.Count - 1; i >= 0; i--)
                {
                    if (handlers[i] is ResilienceHandler)
                    {
                        handlers.RemoveAt(i);
                    }
                }
            });
}
