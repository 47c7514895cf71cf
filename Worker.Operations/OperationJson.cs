using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TraceApp.Worker.Operations;

/// <summary>
/// The JSON shape of every operation result: camelCase names, enums as camelCase strings. Source-generated, so it
/// also works where reflection-based serialization is off (trimmed or native AOT hosts).
/// </summary>
public static class OperationJson
{
    public static JsonSerializerOptions Options => OperationJsonContext.Default.Options;

    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not in <see cref="OperationJsonContext"/>.</exception>
    public static JsonElement Serialize<T>(T value) =>
        JsonSerializer.SerializeToElement(value, (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T)));
}
