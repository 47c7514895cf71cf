using System.Text.Json;

namespace TraceApp.Worker.Operations;

/// <summary>
/// What an operation returns: its result as camelCase JSON, or the parameters' field errors (field → messages, the
/// shape of a ValidationProblemDetails' errors).
/// </summary>
public sealed record OperationResult
{
    private OperationResult(JsonElement? value, IReadOnlyDictionary<string, string[]> errors)
    {
        Value = value;
        Errors = errors;
    }

    public JsonElement? Value { get; }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    public static OperationResult Success<TResult>(TResult result) =>
        new(OperationJson.Serialize(result), new Dictionary<string, string[]>());

    public static OperationResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        errors.Count == 0
            ? throw new ArgumentException("An invalid result needs at least one field error.", nameof(errors))
            : new(null, errors);
}
