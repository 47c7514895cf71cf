using System.Diagnostics;
using NATS.Client.Core;

namespace TraceApp.Messaging;

/// <summary>
/// The one piece of tracing NATS.Net leaves to the application. NATS.Net traces <c>&lt;subject&gt; publish</c>
/// (Producer, <c>traceparent</c> into the headers) and <c>&lt;subject&gt; receive</c> (Consumer, continuing the
/// publisher's trace), but inside <c>await foreach</c> over a subscription no Activity is current, so the handler's
/// logs and calls would join no trace. Its <c>msg.StartActivity(name)</c> opens an Internal span on NATS.Net's own
/// source; this opens the processing span on the caller's source (e.g. <c>job.process</c> on TraceApp.Worker),
/// as a Consumer with the messaging attributes, and also continues a publisher's <c>traceparent</c> when NATS.Net's
/// spans are not recorded.
/// </summary>
public static class NatsProcessActivity
{
    /// <summary>
    /// Starts <paramref name="name"/> on <paramref name="source"/> as the child of the message's receive span (or of
    /// the context in its headers) and makes it current: dispose it when the message is handled. Null when nobody
    /// listens to <paramref name="source"/>. A missing or malformed <c>traceparent</c> starts a new trace.
    /// </summary>
    public static Activity? StartProcessActivity<T>(
        this in NatsMsg<T> msg, ActivitySource source, string name, string? consumerGroup = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var activity = source.StartActivity(name, ActivityKind.Consumer, ParentOf(msg.Headers));
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "nats");
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("messaging.destination.name", msg.Subject);
            activity.SetTag("messaging.message.body.size", msg.Size);
            if (consumerGroup is not null)
            {
                activity.SetTag("messaging.consumer.group.name", consumerGroup);
            }
        }

        return activity;
    }

    private static ActivityContext ParentOf(NatsHeaders? headers)
    {
        if (headers is null)
        {
            return default;
        }

        var receive = NatsMsgTelemetryExtensions.GetActivityContext(headers);
        if (receive != default)
        {
            return receive;
        }

        return headers.TryGetLastValue("traceparent", out var traceParent)
            && ActivityContext.TryParse(traceParent, headers.TryGetLastValue("tracestate", out var state) ? state : null, out var context)
            ? context
            : default;
    }
}
