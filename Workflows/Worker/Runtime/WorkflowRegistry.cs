using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace TraceApp.Workflows.Worker.Runtime;

/// <summary>The workflow types registered with <c>AddWorkflowWorker()</c>, by name.</summary>
internal sealed partial class WorkflowRegistry
{
    private readonly Dictionary<string, WorkflowDefinition> _definitions = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _definitions.Keys;

    public void Add(WorkflowDefinition definition)
    {
        if (!NamePattern().IsMatch(definition.Name))
        {
            throw new ArgumentException(
                $"'{definition.Name}' is not a valid workflow type name: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100 characters.");
        }

        if (!_definitions.TryAdd(definition.Name, definition))
        {
            throw new InvalidOperationException($"A workflow type named '{definition.Name}' is already registered.");
        }
    }

    public bool TryGet(string name, [NotNullWhen(true)] out WorkflowDefinition? definition) =>
        _definitions.TryGetValue(name, out definition);

    /// <summary>The server's rule for workflow_type, so a bad name fails at start rather than at Register.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$")]
    private static partial Regex NamePattern();
}
