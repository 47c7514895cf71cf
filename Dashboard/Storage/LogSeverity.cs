namespace TraceApp.Dashboard.Storage;

/// <summary>The level of a log record, from OTLP's severity number (1–4 trace, 5–8 debug, … 21–24 fatal).</summary>
public enum LogSeverity
{
    Unspecified = 0,
    Trace = 1,
    Debug = 2,
    Information = 3,
    Warning = 4,
    Error = 5,
    Fatal = 6,
}
