using System.Globalization;
using TraceApp.Dashboard.Otlp.Common;

namespace TraceApp.Dashboard.Otlp;

/// <summary>Reads OTLP attribute lists as text, which is all a test or a list view needs.</summary>
public static class ReceivedAttributes
{
    public static string? Find(IEnumerable<KeyValue> attributes, string key) =>
        attributes.FirstOrDefault(a => a.Key == key) is { } found ? AsText(found.Value) : null;

    public static string? AsText(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(",", value.ArrayValue.Values.Select(AsText)) + "]",
        AnyValue.ValueOneofCase.BytesValue => Convert.ToBase64String(value.BytesValue.Span),
        AnyValue.ValueOneofCase.KvlistValue =>
            "{" + string.Join(",", value.KvlistValue.Values.Select(kv => kv.Key + "=" + AsText(kv.Value))) + "}",
        _ => null,
    };
}
