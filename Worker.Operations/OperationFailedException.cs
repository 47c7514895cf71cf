namespace TraceApp.Worker.Operations;

/// <summary>An operation with valid parameters could not do its work (a host that does not resolve, say).</summary>
public sealed class OperationFailedException(string message, Exception? innerException = null)
    : Exception(message, innerException);
