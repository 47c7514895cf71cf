using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace TraceApp.Messaging;

/// <summary>Publish, subscribe and request with TraceApp's trace contract (see <see cref="MessagingTelemetry"/>).</summary>
public static partial class TracedNatsExtensions
{
    /// <summary>Publishes <paramref name="data"/> in a <c>&lt;subject&gt; publish</c> span whose context travels in the headers.</summary>
    public static async ValueTask PublishTracedAsync<T>(
        this INatsConnection nats, string subject, T data, INatsSerialize<T>? serializer = null, CancellationToken cancellationToken = default)
    {
        serializer ??= nats.Opts.SerializerRegistry.GetSerializer<T>();
        var (activity, headers) = MessagingTelemetry.StartPublish(subject);
        using var _ = activity;
        try
        {
            if (activity is null)
            {
                // Nobody records the span: publish as is (a plain PUB when there is no context to carry).
                await nats.PublishAsync(subject, data, headers, serializer: serializer, cancellationToken: cancellationToken);
                return;
            }

            var body = Serialize(data, serializer);
            MessagingTelemetry.TagPublish(activity, subject, body.Length);
            await nats.PublishAsync(subject, body, headers, cancellationToken: cancellationToken);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // NATS.Net signals "disconnected for longer than CommandTimeout" as a bare cancellation.
            var unavailable = new NatsException(
                $"Publishing to '{subject}' failed: NATS has been unreachable for {nats.Opts.CommandTimeout.TotalSeconds:0.#} s (connection {nats.ConnectionState}).",
                exception);
            RecordFailure(activity, unavailable);
            throw unavailable;
        }
        catch (Exception exception)
        {
            RecordFailure(activity, exception);
            throw;
        }
    }

    /// <summary>
    /// Sends a request in a <c>&lt;subject&gt; publish</c> span and waits for one reply; throws
    /// <see cref="NatsNoRespondersException"/> when nobody listens and <see cref="NatsNoReplyException"/> on timeout.
    /// </summary>
    public static async ValueTask<NatsMsg<TReply>> RequestTracedAsync<TRequest, TReply>(
        this INatsConnection nats, string subject, TRequest data, TimeSpan timeout,
        INatsSerialize<TRequest>? serializer = null, INatsDeserialize<TReply>? replySerializer = null,
        CancellationToken cancellationToken = default)
    {
        var body = Serialize(data, serializer ?? nats.Opts.SerializerRegistry.GetSerializer<TRequest>());
        var (activity, headers) = MessagingTelemetry.StartPublish(subject);
        using var _ = activity;
        if (activity is not null)
        {
            MessagingTelemetry.TagPublish(activity, subject, body.Length);
        }

        try
        {
            return await nats.RequestAsync<byte[], TReply>(
                subject, body, headers, replySerializer: replySerializer,
                replyOpts: new NatsSubOpts { Timeout = timeout }, cancellationToken: cancellationToken);
        }
        catch (Exception exception)
        {
            RecordFailure(activity, exception);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="handler"/> for every message on <paramref name="subject"/> (shared with the other members of
    /// <paramref name="queueGroup"/>, if given), each inside a <c>&lt;subject&gt; process</c> span continuing the
    /// publisher's trace. A failing handler marks its span as an error and is logged; the subscription goes on.
    /// Returns when <paramref name="cancellationToken"/> is cancelled or the subscription ends.
    /// </summary>
    public static async Task SubscribeTracedAsync<T>(
        this INatsConnection nats, string subject, Func<NatsMsg<T>, CancellationToken, ValueTask> handler,
        string? queueGroup = null, INatsDeserialize<T>? serializer = null, ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var message in nats.SubscribeAsync(subject, queueGroup, serializer, cancellationToken: cancellationToken))
            {
                using var activity = MessagingTelemetry.StartProcess(message.Subject, message.Headers, message.Size, queueGroup);
                try
                {
                    await handler(message, cancellationToken);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    RecordFailure(activity, exception);
                    if (logger is not null)
                    {
                        LogHandlerFailed(logger, exception, message.Subject);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static byte[] Serialize<T>(T data, INatsSerialize<T> serializer)
    {
        var buffer = new ArrayBufferWriter<byte>();
        serializer.Serialize(buffer, data);
        return buffer.WrittenSpan.ToArray();
    }

    private static void RecordFailure(Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity?.AddException(exception);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Handler for {Subject} failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string subject);
}
