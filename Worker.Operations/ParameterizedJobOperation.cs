using System.Text.Json;

namespace TraceApp.Worker.Operations;

/// <summary>An operation whose JSON parameters are read and validated into a <typeparamref name="TParameters"/>.</summary>
public abstract class ParameterizedJobOperation<TParameters, TResult> : IJobOperation
{
    public abstract string Name { get; }

    /// <summary>Reads the parameters; each problem goes to <paramref name="reader"/> as a field error.</summary>
    protected abstract TParameters ReadParameters(ParameterReader reader);

    /// <summary>Runs the operation with valid parameters and returns its typed result.</summary>
    public abstract Task<TResult> RunAsync(TParameters parameters, CancellationToken cancellationToken);

    /// <summary>The parameters, or the field errors that make them invalid.</summary>
    public bool TryReadParameters(
        JsonElement? parameters, out TParameters value, out IReadOnlyDictionary<string, string[]> errors)
    {
        var reader = new ParameterReader(parameters);
        value = ReadParameters(reader);
        return reader.TryComplete(out errors);
    }

    public async Task<OperationResult> ExecuteAsync(JsonElement? parameters, CancellationToken cancellationToken)
    {
        if (!TryReadParameters(parameters, out var value, out var errors))
        {
            return OperationResult.Invalid(errors);
        }

        return OperationResult.Success(await RunAsync(value, cancellationToken));
    }
}
