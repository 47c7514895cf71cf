using System.Diagnostics;

namespace TraceApp.Messaging;

/// <summary>The Messaging library's ActivitySource: NATS publish (Producer) and process (Consumer) spans.</summary>
public static class MessagingTelemetry
{
    public const string SourceName = "TraceApp.Messaging";

    public static readonly ActivitySource Source = new(SourceName);
}
