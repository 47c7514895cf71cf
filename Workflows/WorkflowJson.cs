using System.Text.Json;

namespace TraceApp.Workflows;

/// <summary>How the SDK turns workflow inputs, outputs and step results into the JSON the server stores.</summary>
public static class WorkflowJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Empty text (no input, a step without output) is <c>default</c>.</summary>
    public static T? Deserialize<T>(string? json) =>
        string.IsNullOrWhiteSpace(json) ? default : JsonSerializer.Deserialize<T>(json, Options);
}
