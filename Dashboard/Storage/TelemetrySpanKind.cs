namespace TraceApp.Dashboard.Storage;

/// <summary>OTLP's span kinds, in the same order.</summary>
public enum TelemetrySpanKind : byte
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}
