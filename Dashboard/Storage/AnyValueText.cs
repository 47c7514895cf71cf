using System.Globalization;
using System.Text;
using TraceApp.Dashboard.Otlp.Common;

namespace TraceApp.Dashboard.Storage;

/// <summary>
/// Renders an OTLP <see cref="AnyValue"/> as the text a page shows: strings as they are, numbers and booleans
/// invariantly, bytes as lowercase hex, arrays and key/value lists as JSON-like text (<c>["a",1]</c>,
/// <c>{"k":"v"}</c>). Output longer than <c>maxLength</c> is cut there.
/// </summary>
public static class AnyValueText
{
    // Status codes, ports and counts repeat endlessly; formatting them once saves an allocation per attribute.
    private static readonly string[] SmallIntegers = [.. Enumerable.Range(0, 1024).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    public static string Format(AnyValue? value, int maxLength = int.MaxValue)
    {
        switch (value?.ValueCase)
        {
            case null or AnyValue.ValueOneofCase.None or AnyValue.ValueOneofCase.StringValueStrindex:
                return string.Empty;
            case AnyValue.ValueOneofCase.StringValue:
                return Truncate(value.StringValue, maxLength);
            case AnyValue.ValueOneofCase.BoolValue:
                return value.BoolValue ? "true" : "false";
            case AnyValue.ValueOneofCase.IntValue:
                return value.IntValue is >= 0 and < 1024 ? SmallIntegers[(int)value.IntValue] : value.IntValue.ToString(CultureInfo.InvariantCulture);
            case AnyValue.ValueOneofCase.DoubleValue:
                return value.DoubleValue.ToString("R", CultureInfo.InvariantCulture);
            case AnyValue.ValueOneofCase.BytesValue:
                return Truncate(Convert.ToHexStringLower(value.BytesValue.Span), maxLength);
            default:
                var text = new StringBuilder();
                Append(text, value, maxLength, quoteStrings: true);
                return Truncate(text.ToString(), maxLength);
        }
    }

    public static string Truncate(string text, int maxLength) => text.Length > maxLength ? text[..maxLength] : text;

    private static void Append(StringBuilder text, AnyValue value, int maxLength, bool quoteStrings)
    {
        switch (value.ValueCase)
        {
            case AnyValue.ValueOneofCase.StringValue when quoteStrings:
                AppendQuoted(text, value.StringValue);
                break;
            case AnyValue.ValueOneofCase.BytesValue:
                text.Append('"').Append(Convert.ToHexStringLower(value.BytesValue.Span)).Append('"');
                break;
            case AnyValue.ValueOneofCase.ArrayValue:
                text.Append('[');
                foreach (var item in value.ArrayValue.Values)
                {
                    if (text.Length > maxLength)
                    {
                        return;
                    }

                    text.Append(text[^1] == '[' ? "" : ",");
                    Append(text, item, maxLength, quoteStrings: true);
                }

                text.Append(']');
                break;
            case AnyValue.ValueOneofCase.KvlistValue:
                text.Append('{');
                foreach (var pair in value.KvlistValue.Values)
                {
                    if (text.Length > maxLength)
                    {
                        return;
                    }

                    text.Append(text[^1] == '{' ? "" : ",");
                    AppendQuoted(text, pair.Key);
                    text.Append(':');
                    Append(text, pair.Value ?? new AnyValue(), maxLength, quoteStrings: true);
                }

                text.Append('}');
                break;
            case AnyValue.ValueOneofCase.None or AnyValue.ValueOneofCase.StringValueStrindex:
                text.Append("null");
                break;
            default:
                text.Append(Format(value));
                break;
        }
    }

    private static void AppendQuoted(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                < ' ' => text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => text.Append(c),
            };
        }

        text.Append('"');
    }
}
