using System.Diagnostics;
using NATS.Client.Core;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;

namespace TraceApp.Messaging;

/// <summary>
/// TraceApp's messaging spans (ActivitySource <c>TraceApp.Messaging</c>): <c>&lt;subject&gt; publish</c> (Producer)
/// injects <c>traceparent</c>, <c>tracestate</c> and baggage into the message headers with the process
/// propagator; <c>&lt;subject&gt; process</c> (Consumer) runs a handler under the context extracted from them.
/// Missing or invalid headers start a new root, never an error.
/// </summary>
public static class MessagingTelemetry
{
    public const string SourceName = "TraceApp.Messaging";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Starts the publish span (null when nobody listens) and returns the headers that carry the context, or null
    /// when there is nothing to propagate (no span, no current trace, no baggage): then a plain PUB is sent.
    /// </summary>
    public static (Activity? Activity, NatsHeaders? Headers) StartPublish(string subject)
    {
        var activity = Source.StartActivity($"{subject} publish", ActivityKind.Producer);
        var context = activity?.Context ?? Activity.Current?.Context ?? default;
        var baggage = Baggage.Current;
        if (context == default && baggage.Count == 0)
        {
            return (activity, null);
        }

        var headers = new NatsHeaders();
        Propagators.DefaultTextMapPropagator.Inject(
            new PropagationContext(context, baggage), headers, static (h, key, value) => h[key] = value);
        return (activity, headers);
    }

    public static void TagPublish(Activity activity, string subject, int bodySize) =>
        Tag(activity, subject, "publish", bodySize, queueGroup: null);

    public static Activity? StartProcess(string subject, NatsHeaders? headers, int bodySize, string? queueGroup)
    {
        var parent = headers is null
            ? default
            : Propagators.DefaultTextMapPropagator.Extract(default, headers, static (h, key) => Header(h, key));
        Baggage.Current = parent.Baggage;
        var activity = Source.StartActivity($"{subject} process", ActivityKind.Consumer, parent.ActivityContext);
        Tag(activity, subject, "process", bodySize, queueGroup);
        return activity;
    }

    private static void Tag(Activity? activity, string subject, string operation, int bodySize, string? queueGroup)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("messaging.system", "nats");
        activity.SetTag("messaging.destination.name", subject);
        activity.SetTag("messaging.operation.type", operation);
        activity.SetTag("messaging.message.body.size", bodySize);
        if (queueGroup is not null)
        {
            activity.SetTag("messaging.consumer.group.name", queueGroup);
        }
    }

    /// <summary>Header names are matched case-insensitively: other clients may write <c>Traceparent</c>.</summary>
    private static IEnumerable<string>? Header(NatsHeaders headers, string key)
    {
        foreach (var (name, values) in headers)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return values.ToArray()!;
            }
        }

        return null;
    }
}
