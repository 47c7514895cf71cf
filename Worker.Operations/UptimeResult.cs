namespace TraceApp.Worker.Operations;

/// <param name="Seconds">Seconds since boot, from /proc/uptime.</param>
/// <param name="Text">The same for people, such as "3 days, 4 hours, 5 minutes".</param>
public sealed record UptimeResult(double Seconds, string Text);
