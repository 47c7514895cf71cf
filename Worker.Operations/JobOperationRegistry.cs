using System.Diagnostics.CodeAnalysis;

namespace TraceApp.Worker.Operations;

/// <summary>Every registered <see cref="IJobOperation"/>, found by name (ordinal, case-sensitive).</summary>
public sealed class JobOperationRegistry
{
    private readonly Dictionary<string, IJobOperation> _operations;

    public JobOperationRegistry(IEnumerable<IJobOperation> operations)
    {
        _operations = new Dictionary<string, IJobOperation>(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            if (!_operations.TryAdd(operation.Name, operation))
            {
                throw new InvalidOperationException(
                    $"Two operations are named '{operation.Name}': {_operations[operation.Name].GetType().Name} and {operation.GetType().Name}.");
            }
        }
    }

    public IReadOnlyCollection<string> Names => [.. _operations.Keys.Order(StringComparer.Ordinal)];

    public bool TryGet(string name, [MaybeNullWhen(false)] out IJobOperation operation) =>
        _operations.TryGetValue(name, out operation);

    /// <exception cref="UnknownOperationException">No operation has that name.</exception>
    public IJobOperation Get(string name) =>
        TryGet(name, out var operation) ? operation : throw new UnknownOperationException(name, Names);
}
