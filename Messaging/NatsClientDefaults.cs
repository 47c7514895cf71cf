using NATS.Client.Core;

namespace TraceApp.Messaging;

/// <summary>TraceApp's choices on top of NATS.Net's defaults.</summary>
public static class NatsClientDefaults
{
    /// <summary>
    /// Publishes made while disconnected wait for the reconnect, but at most <see cref="NatsOpts.CommandTimeout"/>
    /// (5 s), then fail with a timeout instead of waiting forever; disposing drains subscriptions and flushes
    /// pending writes instead of dropping them.
    /// </summary>
    public static readonly NatsOpts Options = NatsOpts.Default with
    {
        PublishTimeoutOnDisconnected = true,
        CommandTimeout = TimeSpan.FromSeconds(5),
        DrainSubscriptionsOnDispose = true,
    };
}
