using System.Text.Json;

namespace TraceApp.Worker.Operations;

/// <summary>
/// Reads an operation's JSON parameters field by field and collects every problem as a field error, so a caller
/// sees all of them at once. Fields no operation asked for are errors too: a misspelt "cuont" must not silently
/// fall back to a default.
/// </summary>
public sealed class ParameterReader
{
    /// <summary>The field of errors about the parameters as a whole (ASP.NET Core's name for the JSON root).</summary>
    public const string RootField = "$";

    private readonly JsonElement? _parameters;
    private readonly HashSet<string> _knownFields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public ParameterReader(JsonElement? parameters)
    {
        if (parameters is { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined })
        {
            parameters = null;
        }

        if (parameters is { ValueKind: not JsonValueKind.Object } value)
        {
            AddError(RootField, $"The parameters must be a JSON object, not {Describe(value.ValueKind)}.");
            parameters = null;
        }

        _parameters = parameters;
    }

    public void AddError(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public bool HasErrors(string field) => _errors.ContainsKey(field);

    /// <summary>The field's string; null (with an error if <paramref name="required"/>) when absent or blank.</summary>
    public string? ReadString(string field, bool required)
    {
        if (!TryGetField(field, out var value))
        {
            if (required)
            {
                AddError(field, $"The {field} field is required.");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            AddError(field, $"The {field} field must be a string, not {Describe(value.ValueKind)}.");
            return null;
        }

        var text = value.GetString();
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                AddError(field, $"The {field} field is required.");
            }

            return null;
        }

        return text;
    }

    /// <summary>The field's whole number, or null when absent or not a whole number (an error then).</summary>
    public int? ReadInt32(string field)
    {
        if (!TryGetField(field, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        AddError(field, $"The {field} field must be a whole number.");
        return null;
    }

    /// <summary>Adds an error for every field nobody read and hands back all errors; true when there are none.</summary>
    public bool TryComplete(out IReadOnlyDictionary<string, string[]> errors)
    {
        if (_parameters is { } parameters)
        {
            foreach (var property in parameters.EnumerateObject())
            {
                if (!_knownFields.Contains(property.Name))
                {
                    AddError(property.Name, _knownFields.Count == 0
                        ? "This operation takes no parameters."
                        : $"Unknown parameter; this operation takes {string.Join(", ", _knownFields.Order(StringComparer.Ordinal))}.");
                }
            }
        }

        errors = _errors.ToDictionary(entry => entry.Key, entry => entry.Value.ToArray(), StringComparer.Ordinal);
        return errors.Count == 0;
    }

    private bool TryGetField(string field, out JsonElement value)
    {
        _knownFields.Add(field);
        value = default;
        return _parameters is { } parameters
            && parameters.TryGetProperty(field, out value)
            && value.ValueKind != JsonValueKind.Null;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.String => "a string",
        _ => "null",
    };
}
