namespace TraceApp.Dashboard.Storage;

/// <summary>OTLP's span status codes, in the same order.</summary>
public enum SpanStatusCode : byte
{
    Unset = 0,
    Ok = 1,
    Error = 2,
}
