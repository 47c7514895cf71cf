using NATS.Client.Core;

namespace TraceApp.Messaging;

/// <summary>TraceApp's choices on top of NATS.Net's defaults (what <c>AddNatsClient</c> starts from).</summary>
public static class NatsClientDefaults
{
    /// <summary>
    /// Publishes made while disconnected wait for the reconnect, but at most <see cref="NatsOpts.CommandTimeout"/>
    /// (5 s), then fail (NATS.Net reports it as an <see cref="OperationCanceledException"/> the caller did not ask
    /// for) instead of waiting forever; disposing drains subscriptions and flushes pending writes instead of
    /// dropping them (a test publishing 1,000 messages and disposing at once loses some without it).
    /// </summary>
    public static readonly NatsOpts Options = NatsOpts.Default with
    {
        PublishTimeoutOnDisconnected = true,
        CommandTimeout = TimeSpan.FromSeconds(5),
        DrainSubscriptionsOnDispose = true,
    };
}
