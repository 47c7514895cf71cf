namespace TraceApp.Dashboard.Storage;

/// <summary>The instrumentation scope (ActivitySource, Meter, logger category) an item was recorded by.</summary>
public sealed record TelemetryScope(string Name, string? Version)
{
    public static readonly TelemetryScope Unknown = new(string.Empty, null);
}
