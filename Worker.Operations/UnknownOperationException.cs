namespace TraceApp.Worker.Operations;

/// <summary>A job named an operation the Worker does not have.</summary>
public sealed class UnknownOperationException(string name, IEnumerable<string> knownNames)
    : Exception($"Unknown operation '{name}'. Known operations: {string.Join(", ", knownNames)}.")
{
    public string OperationName { get; } = name;
}
