using System.Text.Json;

namespace TraceApp.Worker.Operations;

/// <summary>One operation a job can ask the Worker to run, found by its <see cref="Name"/> (such as "node.hostname").</summary>
public interface IJobOperation
{
    string Name { get; }

    /// <summary>
    /// Validates <paramref name="parameters"/> and runs the operation. Invalid parameters give a failed result with
    /// field errors; a failure while running (an unreadable or malformed file, an unknown host) throws.
    /// </summary>
    Task<OperationResult> ExecuteAsync(JsonElement? parameters, CancellationToken cancellationToken);
}
