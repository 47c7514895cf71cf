using System.Text.Json;

namespace TraceApp.Worker.Operations;

/// <summary>An operation without parameters: anything but none, null or <c>{}</c> is a field error.</summary>
public abstract class JobOperation<TResult> : IJobOperation
{
    public abstract string Name { get; }

    /// <summary>Runs the operation and returns its typed result.</summary>
    public abstract Task<TResult> RunAsync(CancellationToken cancellationToken);

    public async Task<OperationResult> ExecuteAsync(JsonElement? parameters, CancellationToken cancellationToken)
    {
        var reader = new ParameterReader(parameters);
        if (!reader.TryComplete(out var errors))
        {
            return OperationResult.Invalid(errors);
        }

        return OperationResult.Success(await RunAsync(cancellationToken));
    }
}
