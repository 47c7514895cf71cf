using System.Text.Json;
using System.Text.Json.Serialization;

namespace TraceApp.Worker.Operations;

/// <summary>The JSON shape of every operation result: camelCase names, enums as camelCase strings.</summary>
public static class OperationJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
