namespace TraceApp.Jobs.Contracts;

/// <summary>Whether an operation only reads the host (query) or changes it (modify); part of the NATS subject.</summary>
public enum JobKind
{
    Query,
    Modify,
}
