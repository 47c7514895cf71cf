using System.Text.Json;

namespace TraceApp.Api.Apis;

/// <summary>The workflow server keeps inputs and outputs as JSON text; the Api answers them as JSON values.</summary>
internal static class WorkflowJson
{
    /// <summary>The JSON in <paramref name="text"/>; null when empty; a JSON string when it is not JSON (never expected).</summary>
    public static JsonElement? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }

    /// <summary>The input as the text StartWorkflow takes: empty for none or JSON null.</summary>
    public static string Text(JsonElement? value) =>
        value is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } element ? element.GetRawText() : "";
}
